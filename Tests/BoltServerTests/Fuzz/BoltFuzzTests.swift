import Engine
import Testing
import TestSupport

@testable import BoltServer

/// Mutated Bolt byte streams (handshake, chunk framing, PackStream, messages in any order) through the
/// handshake, the dechunker, the PackStream decoder and the session state machine, and over TCP through a
/// live server. Every input ends in answers or a clean FAILURE; nothing crashes or hangs. A short seeded run
/// here; `IGNITABULL_FUZZ_SECONDS=1800 swift test --filter BoltFuzzTests` for a long one.
@Suite struct BoltFuzzTests {
    static let responseTags: Set<UInt8> = [BoltMessage.success, BoltMessage.record, BoltMessage.ignored, BoltMessage.failure]

    /// The messages a byte stream frames into, or the framing error; fed in pieces of `piece` bytes.
    static func frame(_ bytes: ArraySlice<UInt8>, piece: Int) -> Result<[[UInt8]], BoltError> {
        var framer = ChunkFramer(maxMessageBytes: 1 << 16)
        var out: [[UInt8]] = []
        var i = bytes.startIndex
        repeat {
            let end = min(bytes.endIndex, i + piece)
            do { out += try framer.feed(bytes[i ..< end]) } catch { return .failure(error) }
            i = end
        } while i < bytes.endIndex
        return .success(out)
    }

    /// A response is a known message, survives a PackStream round trip, and a FAILURE has a status and text.
    static func problem(in response: PackValue) -> String? {
        guard case .structure(let tag, let fields) = response, responseTags.contains(tag) else {
            return "response is not a Bolt response message: \(response)"
        }
        guard (try? PackStreamDecoder.decode(PackStreamEncoder.encode(response))) == response else {
            return "response does not survive a PackStream round trip"
        }
        if tag == BoltMessage.failure {
            guard let code = fields.first?["code"]?.stringValue, code.hasPrefix("Neo."),
                  let message = fields.first?["message"]?.stringValue, !message.isEmpty
            else { return "FAILURE without a Neo4j status and a message: \(response)" }
        }
        return nil
    }

    /// One client byte stream through every layer in process.
    static func check(_ input: [UInt8]) -> Fuzzer.Outcome {
        let version: BoltVersion?
        do {
            version = try BoltVersion.negotiate(input)
        } catch {
            return .rejected("handshake \(Fuzzer.kind(error.message))")
        }
        guard let version else { return .rejected("no common version") }
        guard BoltVersion.response(version) == [0, 0, version.minor, version.major] else { return .finding("handshake reply") }
        // Framing does not depend on how the bytes arrive.
        let stream = input.dropFirst(20)
        let whole = frame(stream, piece: max(1, stream.count))
        let pieces = frame(stream, piece: 1 + input.count % 7)
        switch (whole, pieces) {
        case (.success(let a), .success(let b)) where a == b: break
        case (.failure(let a), .failure(let b)) where a == b: break
        default: return .finding("framing differs when the bytes arrive in pieces")
        }
        guard case .success(let messages) = whole else {
            if case .failure(let e) = whole { return .rejected("framing \(Fuzzer.kind(e.message))") }
            return .finding("unreachable")
        }
        let session = BoltSession(database: Database(), version: version, connectionID: "fuzz", advertisedAddress: "127.0.0.1:7687")
        defer { session.close() }
        var authenticated = false
        var failures: [String] = []
        for bytes in messages where !session.isDefunct {
            let decoded = try? PackStreamDecoder.decode(bytes)
            if let decoded, (try? PackStreamDecoder.decode(PackStreamEncoder.encode(decoded))) != decoded {
                return .finding("PackStream round trip differs")
            }
            var responses: [PackValue] = []
            session.handle(bytes) { responses.append($0) }
            let request: UInt8? = if case .structure(let t, _)? = decoded { t } else { nil }
            if request == BoltMessage.goodbye {
                guard responses.isEmpty, session.isDefunct else { return .finding("GOODBYE answered or not closing") }
                continue
            }
            guard !responses.isEmpty else { return .finding("message without an answer") }
            for r in responses { if let p = problem(in: r) { return .finding(p) } }
            guard case .structure(let last, let fields)? = responses.last else { return .finding("no summary") }
            if last == BoltMessage.failure, let m = fields.first?["message"]?.stringValue { failures.append(Fuzzer.kind(m)) }
            let ok = last == BoltMessage.success
            if ok, request == BoltMessage.logon || (request == BoltMessage.hello && !version.hasLogon) { authenticated = true }
            if ok, request == BoltMessage.logoff { authenticated = false }
        }
        if !session.isDefunct {
            // RESET always recovers the connection: an authenticated one runs queries again.
            var out: [PackValue] = []
            session.handle(PackStreamEncoder.encode(.structure(tag: BoltMessage.reset, fields: []))) { out.append($0) }
            guard out.count == 1, tag(out[0]) == BoltMessage.success else { return .finding("RESET did not succeed: \(out)") }
            out = []
            session.handle(PackStreamEncoder.encode(.structure(tag: BoltMessage.run, fields: ["RETURN 1 AS x", [:], [:]]))) { out.append($0) }
            session.handle(PackStreamEncoder.encode(.structure(tag: BoltMessage.pull, fields: [["n": -1]]))) { out.append($0) }
            let expected: [UInt8?] = authenticated ? [BoltMessage.success, BoltMessage.record, BoltMessage.success] : [BoltMessage.failure]
            guard out.map(tag) == expected else { return .finding("after RESET, \(authenticated ? "" : "un")authenticated: \(out)") }
        }
        session.close()
        guard !session.hasOpenTransaction else { return .finding("a transaction outlived the connection") }
        return failures.isEmpty ? .accepted : .rejected("v\(version.major) " + Set(failures).sorted().joined(separator: "|"))
    }

    @Test("mutated Bolt streams through the handshake, framing, PackStream and the session")
    func seededRun() {
        var fuzzer = Fuzzer(name: "bolt", bytes: BoltFuzzCorpus.conversations, dictionary: BoltFuzzCorpus.dictionary)
        let report = fuzzer.run(executions: 4_000, Self.check)
        print(report)
        #expect(report.findings.isEmpty, "\(report)")
        #expect(report.accepted > 0 && report.rejected > 0)
    }

    @Test("mutated Bolt streams over TCP: the server answers the handshake and keeps serving")
    func overTCP() async throws {
        let server = try await BoltServerRobustnessTests.server(Database())
        let port = server.port
        var fuzzer = Fuzzer(name: "bolt-tcp", bytes: BoltFuzzCorpus.conversations, dictionary: BoltFuzzCorpus.dictionary)
        var sent = 0
        let report = fuzzer.run(executions: 60) { input in
            sent += 1
            guard let c = try? RawBoltClient(port: port) else { return .finding("the server no longer accepts connections") }
            c.write(input)
            let reply = c.readUntilQuiet(quiet: 100, awaitFirst: input.count >= 20)  // short: no answer until the handshake timeout
            if input.count >= 20, let v = try? BoltVersion.negotiate(input), Array(reply.prefix(4)) != BoltVersion.response(v) {
                return .finding("handshake answered \(Array(reply.prefix(4)))")
            }
            if sent % 25 == 0 {
                let probe = try? RawBoltClient(port: port)
                guard probe?.handshake() == [0, 0, 6, 5], probe?.login() == true else { return .finding("the server stopped serving") }
            }
            return reply.count > 4 ? .accepted : .rejected("closed after \(reply.count) bytes")
        }
        print(report)
        #expect(report.findings.isEmpty, "\(report)")
        try BoltServerRobustnessTests.stillServes(port)
        try await server.shutdown()
    }
}
