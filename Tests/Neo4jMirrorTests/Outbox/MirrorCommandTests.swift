import Foundation
import Testing
import TestSupport

/// `ignitabull mirror sync` and `mirror status` as a user runs them, against a second `ignitabull serve`.
@Suite(.serialized) struct MirrorCommandTests {
    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TargetServer.binary!)
        p.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test(.enabled(if: TargetServer.binary != nil, "needs .build/debug/ignitabull (swift build)"))
    func syncThenStatusThenIncrementalSync() throws {
        let root = SharedData.temporaryDirectory()
        let data = root + "/source"
        #expect(try Self.run(["query", "--data", data, "--create", "UNWIND range(1, 300) AS i CREATE (:Item {n: i})"]).status == 0)
        #expect(try Self.run(["query", "--data", data, "MATCH (a:Item), (b:Item) WHERE b.n = a.n + 1 CREATE (a)-[:NEXT]->(b)"]).status == 0)
        let server = try TargetServer(directory: root + "/target")
        let before = try Self.run(["mirror", "status", "--data", data, "--to", server.url])
        #expect(before.status == 0 && before.out.contains("cursor: none"), "\(before.out)\(before.err)")
        let sync = try Self.run(["mirror", "sync", "--data", data, "--to", server.url, "--batch-rows", "50"])
        #expect(sync.status == 0, "\(sync.err)")
        #expect(sync.out.contains("cursor 2 of 2, 599 mutations"), "\(sync.out)")
        #expect(sync.err.contains("initial sync"), "a progress line: \(sync.err)")
        #expect(try Self.run(["query", "--data", data, "MATCH (i:Item {n: 7}) DETACH DELETE i"]).status == 0)
        let lag = try Self.run(["mirror", "status", "--data", data, "--to", server.url])
        #expect(lag.out.contains("cursor: 2") && lag.out.contains("lag: 1 log entries"), "\(lag.out)")
        let again = try Self.run(["mirror", "sync", "--data", data, "--to", server.url])
        #expect(again.status == 0 && again.out.contains("cursor 3 of 3, 3 mutations"), "\(again.out)\(again.err)")
        // A permanent error is a clear message and a failure status, the cursor stays.
        let bad = try Self.run(["mirror", "sync", "--data", data, "--to", server.url, "--database", "nope"])
        #expect(bad.status != 0 && bad.err.contains("HTTP 404") && bad.err.contains("DatabaseNotFound"), "\(bad.err)")
        let badURL = try Self.run(["mirror", "sync", "--data", data, "--to", "ftp://x"])
        #expect(badURL.status != 0 && badURL.err.contains("not an http(s) URL"), "\(badURL.err)")
        // A write the target has not had holds the log back from compaction until the target is forgotten.
        #expect(try Self.run(["query", "--data", data, "MATCH (i:Item {n: 8}) SET i.seen = true"]).status == 0)
        let held = try Self.run(["checkpoint", "--data", data])
        #expect(held.out.contains("3 log entries removed; the log holds entries 4...4"), "\(held.out)\(held.err)")
        let forget = try Self.run(["mirror", "forget", "--data", data, "--to", server.url])
        #expect(forget.status == 0, "\(forget.err)")
        #expect(try Self.run(["mirror", "status", "--data", data, "--to", server.url]).out.contains("cursor: none"))
        let freed = try Self.run(["checkpoint", "--data", data])
        #expect(freed.out.contains("1 log entries removed; the log is empty (it ends at entry 4)"), "\(freed.out)")
        let unknown = try Self.run(["mirror", "forget", "--data", data, "--to", "http://127.0.0.1:1"])
        #expect(unknown.status != 0 && unknown.err.contains("no mirror cursor"), "\(unknown.err)")
    }
}
