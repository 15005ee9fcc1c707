import CypherRuntime
import Engine
import GraphStore
import Testing

@testable import BoltServer

@Suite("Bolt server over TCP")
struct BoltServerRobustnessTests {
    static func server(_ db: Database, maxMessageBytes: Int = 1 << 20) async throws -> BoltServer {
        var config = BoltConfiguration()
        config.maxMessageBytes = maxMessageBytes
        config.writeBatchBytes = 4096
        return try await BoltServer.start(database: db, host: "127.0.0.1", port: 0, configuration: config)
    }

    /// A fresh connection still gets answers: the server survived what came before.
    static func stillServes(_ port: Int) throws {
        let c = try RawBoltClient(port: port)
        #expect(c.handshake() == [0, 0, 6, 5])
        #expect(c.login())
        c.send(.structure(tag: BoltMessage.run, fields: ["RETURN 41 + 1 AS x", [:], [:]]))
        c.send(.structure(tag: BoltMessage.pull, fields: [["n": -1]]))
        #expect(tag(c.receive()) == BoltMessage.success)
        #expect(c.receive() == .structure(tag: BoltMessage.record, fields: [[42]]))
        #expect(tag(c.receive()) == BoltMessage.success)
    }

    @Test("a query over TCP, pipelined RUN and PULL")
    func roundTrip() async throws {
        let server = try await Self.server(Database())
        try Self.stillServes(server.port)
        try await server.shutdown()
    }

    @Test("malformed handshakes close the connection; no common version answers zero")
    func badHandshakes() async throws {
        let server = try await Self.server(Database())
        let http = try RawBoltClient(port: server.port)
        http.write(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(http.isClosedByServer())
        let old = try RawBoltClient(port: server.port)
        old.write(BoltVersion.magic + [0, 0, 0, 3] + [UInt8](repeating: 0, count: 12))
        #expect(old.read(4) == [0, 0, 0, 0])
        #expect(old.isClosedByServer())
        let short = try RawBoltClient(port: server.port)
        short.write(BoltVersion.magic + [0, 0])
        short.write([])
        try Self.stillServes(server.port)
        try await server.shutdown()
    }

    @Test("bad PackStream, an unknown tag and an oversized message get a FAILURE and a closed connection")
    func badMessages() async throws {
        let server = try await Self.server(Database(), maxMessageBytes: 10_000)
        for bytes: [UInt8] in [[0xC4], [0xB1, 0x55, 0x01], [0xD6, 0xFF, 0xFF, 0xFF, 0xFF]] {
            let c = try RawBoltClient(port: server.port)
            #expect(c.handshake() == [0, 0, 6, 5])
            #expect(c.login())
            c.write(ChunkFramer.frame(bytes))
            let reply = c.receive()
            #expect(tag(reply) == BoltMessage.failure, "\(bytes)")
            #expect(c.isClosedByServer())
        }
        let big = try RawBoltClient(port: server.port)
        _ = big.handshake()
        #expect(big.login())
        big.send(.structure(tag: BoltMessage.run, fields: [.string(String(repeating: "x", count: 20_000)), [:], [:]]))
        #expect(tag(big.receive()) == BoltMessage.failure)
        #expect(big.isClosedByServer())
        try Self.stillServes(server.port)
        try await server.shutdown()
    }

    @Test("a truncated chunk or a disconnect mid-stream leaves no transaction and no broken server")
    func disconnects() async throws {
        let db = Database()
        let server = try await Self.server(db)
        let truncated = try RawBoltClient(port: server.port)
        _ = truncated.handshake()
        #expect(truncated.login())
        truncated.write([0x00, 0x40, 0xB1, 0x10])  // a 64-byte chunk that never arrives whole
        do { _ = consume truncated }

        let streaming = try RawBoltClient(port: server.port)
        _ = streaming.handshake()
        #expect(streaming.login())
        streaming.send(.structure(tag: BoltMessage.begin, fields: [[:]]))
        streaming.send(.structure(tag: BoltMessage.run, fields: ["CREATE (:Leak) WITH 1 AS one UNWIND range(1, 200000) AS x RETURN x", [:], [:]]))
        streaming.send(.structure(tag: BoltMessage.pull, fields: [["n": -1]]))
        #expect(tag(streaming.receive()) == BoltMessage.success)
        #expect(tag(streaming.receive()) == BoltMessage.success)
        #expect(tag(streaming.receive()) == BoltMessage.record)
        do { _ = consume streaming }  // gone in the middle of the stream, transaction open

        try Self.stillServes(server.port)
        #expect(try db.query("MATCH (n:Leak) RETURN count(n) AS c").rows == [[.int(0)]])
        // A write now commits: nothing holds the graph.
        _ = try db.query("CREATE (:After)")
        #expect(db.graph.snapshot.nodeCount == 1)
        try await server.shutdown()
    }
}
