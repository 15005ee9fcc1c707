import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Against the real binary: idle and half-sent connections are closed, the connection limit holds the
/// descriptors down, and /health keeps answering through a flood of idle connections.
@Suite(.serialized) struct LiveHardeningTests {
    static let ready = LiveSmokeTests.binary != nil && LiveSmokeTests.curl != nil

    /// Starts `ignitabull serve --in-memory` with `extra` options and waits for /health.
    static func start(_ extra: [String]) throws -> (Process, Int) {
        let port = freeLocalPort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: LiveSmokeTests.binary!)
        server.arguments =
            ["serve", "--in-memory", "--no-auth", "--host", "127.0.0.1", "--port", String(port), "--bolt-port", "0", "--log-level", "error"] + extra
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        for _ in 0..<100 {
            if health(port) { break }
            usleep(100_000)
        }
        return (server, port)
    }

    static func health(_ port: Int, timeout: Int = 2) -> Bool {
        let out = try? LiveSmokeTests.run(
            LiveSmokeTests.curl!, ["-s", "--max-time", String(timeout), "http://127.0.0.1:\(port)/health"])
        return out?.output.contains("\"ok\"") == true
    }

    /// A TCP connection to the server (a file descriptor), after sending `text`.
    static func connect(_ port: Int, sending text: String = "") -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        let len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, len) } }
        if !text.isEmpty { _ = text.withCString { send(fd, $0, strlen($0), 0) } }
        return fd
    }

    /// Whether the server closed `fd` within `seconds` (a read returns end of file or an error).
    static func closedByServer(_ fd: Int32, within seconds: Int) -> Bool {
        var tv = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
        }
    }

    static func openDescriptors(_ pid: Int32) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? -1
    }

    @Test(.enabled(if: ready, "needs .build/debug/ignitabull (swift build) and curl"))
    func idleAndHalfSentConnectionsAreClosed() throws {
        let (server, port) = try Self.start(["--idle-timeout", "1"])
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        let idle = Self.connect(port)
        let halfHeader = Self.connect(port, sending: "POST /db/neo4j/cypher HTTP/1.1\r\nHost: x\r\nContent-")
        let halfBody = Self.connect(
            port,
            sending: "POST /db/neo4j/cypher HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"qu")
        defer { for fd in [idle, halfHeader, halfBody] { close(fd) } }
        #expect(Self.closedByServer(idle, within: 5), "an idle connection stayed open")
        #expect(Self.closedByServer(halfHeader, within: 5), "a half-sent request head stayed open")
        #expect(Self.closedByServer(halfBody, within: 5), "a half-sent body stayed open")
        #expect(Self.health(port))
    }

    @Test(.enabled(if: ready, "needs .build/debug/ignitabull (swift build) and curl"))
    func aFloodOfIdleConnectionsCannotExhaustDescriptors() throws {
        let (server, port) = try Self.start(["--idle-timeout", "1", "--max-connections", "16"])
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        let baseline = Self.openDescriptors(server.processIdentifier)
        var fds: [Int32] = []
        defer { for fd in fds { close(fd) } }
        for _ in 0..<200 { fds.append(Self.connect(port)) }
        usleep(300_000)
        let during = Self.openDescriptors(server.processIdentifier)
        // At most the limit is accepted; the rest wait in the kernel's backlog, costing the server nothing.
        #expect(during - baseline <= 16 + 2, "descriptors went from \(baseline) to \(during)")
        // Idle ones are closed after a second, so /health gets through while the flood is still connected.
        let clock = ContinuousClock()
        let start = clock.now
        var answered = false
        while !answered && clock.now - start < .seconds(20) { answered = Self.health(port, timeout: 3) }
        #expect(answered, "/health did not answer behind 200 idle connections")
    }

    @Test(.enabled(if: ready, "needs .build/debug/ignitabull (swift build) and curl"))
    func aTrickledBodyGets408AfterTheBodyTimeout() throws {
        // The idle timeout never fires (a byte every 200 ms); the body timeout (1 s) must.
        let (server, port) = try Self.start(["--idle-timeout", "5", "--body-timeout", "1"])
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        let fd = Self.connect(
            port,
            sending: "POST /db/neo4j/tx/commit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n{\"statements\": [")
        defer { close(fd) }
        var tv = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let clock = ContinuousClock()
        let start = clock.now
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while clock.now - start < .seconds(8) {
            _ = " ".withCString { send(fd, $0, 1, Int32(MSG_NOSIGNAL)) }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n > 0 { answer += buffer[0..<n] }
            if n == 0 || String(decoding: answer, as: UTF8.self).contains("}") { break }
        }
        let text = String(decoding: answer, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 408"), "\(clock.now - start): \(text)")
        #expect(text.contains("did not arrive within"), "\(text)")
        #expect(clock.now - start < .seconds(4), "answered after \(clock.now - start)")
        #expect(Self.health(port))
    }

    @Test(.enabled(if: ready, "needs .build/debug/ignitabull (swift build) and curl"))
    func crossSiteFormPostIsRefused() throws {
        let (server, port) = try Self.start([])
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        let r = try LiveSmokeTests.run(LiveSmokeTests.curl!, [
            "-s", "-w", "\n%{http_code}", "--max-time", "5", "-H", "Origin: https://evil.example",
            "-H", "Content-Type: text/plain", "-d", #"{"query": "CREATE (:Hacked)"}"#,
            "http://127.0.0.1:\(port)/db/neo4j/cypher",
        ])
        #expect(r.output.hasSuffix("403"), "\(r.output)")
    }

    @Test(.enabled(if: ready, "needs .build/debug/ignitabull (swift build) and curl"))
    func aDisconnectedClientStopsItsStatement() throws {
        let (server, port) = try Self.start(["--query-timeout", "120"])
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        let heavy =
            #"{"query": "UNWIND range(1, 1000000) AS i WITH i WHERE $s =~ '(a|b|ab)*c' RETURN count(*) AS n", "parameters": {"s": "\#(String(repeating: "ab", count: 20_000))"}}"#
        // The client gives up after one second and closes its connection.
        _ = try LiveSmokeTests.run(LiveSmokeTests.curl!, [
            "-s", "--max-time", "1", "-H", "Content-Type: application/json", "-d", heavy,
            "http://127.0.0.1:\(port)/db/neo4j/cypher",
        ])
        let clock = ContinuousClock()
        let start = clock.now
        var inFlight = "?"
        while clock.now - start < .seconds(10) {
            let metrics = try LiveSmokeTests.run(
                LiveSmokeTests.curl!, ["-s", "--max-time", "2", "http://127.0.0.1:\(port)/metrics"]).output
            inFlight = metrics.split(separator: "\n").first { $0.hasPrefix("ignitabull_cypher_in_flight ") }.map(String.init) ?? "?"
            if inFlight == "ignitabull_cypher_in_flight 0" { break }
            usleep(200_000)
        }
        #expect(inFlight == "ignitabull_cypher_in_flight 0", "the statement still runs \(clock.now - start) after its client left")
    }

    static let heavy =
        #"{"query": "UNWIND range(1, 1000000) AS i WITH i WHERE $s =~ '(a|b|ab)*c' RETURN count(*) AS n", "parameters": {"s": "\#(String(repeating: "ab", count: 20_000))"}}"#

    /// Starts a curl posting `body` to /db/neo4j/cypher, without waiting; its output goes to the pipe.
    static func post(_ port: Int, _ body: String, maxTime: Int = 30) throws -> (Process, Pipe) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: LiveSmokeTests.curl!)
        p.arguments = [
            "-s", "-i", "--max-time", String(maxTime), "-H", "Content-Type: application/json", "-d", body,
            "http://127.0.0.1:\(port)/db/neo4j/cypher",
        ]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        return (p, pipe)
    }

    static func output(_ p: (Process, Pipe)) -> String {
        let data = p.1.fileHandleForReading.readDataToEndOfFile()
        p.0.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: ready, "needs .build/debug/ignitabull (swift build) and curl"))
    func lightStatementsAnswerWhileHeavyOnesRun() throws {
        let (server, port) = try Self.start([
            "--light-workers", "2", "--heavy-workers", "1", "--heavy-after-ms", "100", "--query-timeout", "8",
        ])
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        let h1 = try Self.post(port, Self.heavy)
        let h2 = try Self.post(port, Self.heavy)
        usleep(700_000)
        let clock = ContinuousClock()
        var worst = Duration.zero
        for _ in 0..<5 {
            let start = clock.now
            let one = Self.output(try Self.post(port, #"{"query": "RETURN 1 AS one"}"#))
            #expect(one.contains(#""rows":[[1]]"#), "\(one)")
            worst = max(worst, clock.now - start)
        }
        // Before admission control, RETURN 1 waited for a heavy statement to end (up to the time limit).
        #expect(worst < .milliseconds(1500), "RETURN 1 took \(worst) behind two heavy statements")
        let metrics = try LiveSmokeTests.run(LiveSmokeTests.curl!, ["-s", "http://127.0.0.1:\(port)/metrics"]).output
        #expect(metrics.contains("ignitabull_cypher_heavy 1"), "\(metrics)")
        for h in [h1, h2] {
            let out = Self.output(h)
            #expect(out.contains("ResourceLimit"), "a heavy statement did not end at its time limit: \(out.prefix(300))")
        }
    }

    @Test(.enabled(if: ready, "needs .build/debug/ignitabull (swift build) and curl"))
    func aFullQueueGets503WithRetryAfter() throws {
        let (server, port) = try Self.start([
            "--light-workers", "1", "--heavy-workers", "1", "--heavy-after-ms", "50", "--max-queued-queries", "0",
            "--query-timeout", "4",
        ])
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        let h1 = try Self.post(port, Self.heavy)
        usleep(400_000)
        let h2 = try Self.post(port, Self.heavy)
        usleep(400_000)
        let busy = Self.output(try Self.post(port, #"{"query": "RETURN 1 AS one"}"#))
        #expect(busy.hasPrefix("HTTP/1.1 503"), "\(busy)")
        #expect(busy.lowercased().contains("retry-after: 1"), "\(busy)")
        #expect(busy.contains(#""code":"ServiceUnavailable""#), "\(busy)")
        _ = (Self.output(h1), Self.output(h2))
        let after = Self.output(try Self.post(port, #"{"query": "RETURN 1 AS one"}"#))
        #expect(after.contains(#""rows":[[1]]"#), "\(after)")
    }
}
