import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Starts the built `ignitabull` binary, talks to it with curl, stops it with SIGTERM.
@Suite struct LiveSmokeTests {
    /// `ignitabull` next to the test bundle (`.build/debug`), else under the package root.
    static let binary: String? = {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ignitabull").path]
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                candidates.append(dir.appendingPathComponent(".build/debug/ignitabull").path)
                break
            }
            dir.deleteLastPathComponent()
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static let curl: String? = ["/usr/bin/curl", "/bin/curl", "/usr/local/bin/curl"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: binary != nil && curl != nil, "needs .build/debug/ignitabull (swift build) and curl"))
    func servesHealthAndCypherThenStopsOnSIGTERM() throws {
        let port = freeLocalPort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.binary!)
        server.arguments = ["serve", "--in-memory", "--no-auth", "--host", "127.0.0.1", "--port", String(port), "--bolt-port", "0", "--log-level", "warning"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }

        let base = "http://127.0.0.1:\(port)"
        var health = ""
        for _ in 0..<100 where !health.contains("\"ok\"") {
            health = (try? Self.run(Self.curl!, ["-s", "--max-time", "2", "\(base)/health"]).output) ?? ""
            if !health.contains("\"ok\"") { usleep(100_000) }
        }
        #expect(health.contains("\"status\":\"ok\""), "no health response from \(base)")

        let cypher = try Self.run(Self.curl!, [
            "-s", "--max-time", "5", "-H", "Content-Type: application/json",
            "-d", #"{"query": "CREATE (n:Smoke {v: $v}) RETURN n.v AS v", "parameters": {"v": 7}}"#, "\(base)/db/neo4j/cypher",
        ])
        #expect(cypher.output.contains(#""rows":[[7]]"#), "\(cypher.output)")

        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(server.terminationReason == .exit)
        #expect(server.terminationStatus == 0)
    }
}
