import Foundation
import Neo4jMirror
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A second `ignitabull serve` over its own data directory, as the mirror's target; it can be killed
/// with SIGKILL and started again on the same port and directory.
final class TargetServer: @unchecked Sendable {
    static let binary: String? = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ignitabull").path,
            SharedData.packageRoot + "/.build/debug/ignitabull",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    let directory: String
    let port: Int
    let extra: [String]
    private var process: Process?

    init(directory: String, extra: [String] = []) throws {
        self.directory = directory
        self.extra = extra
        port = freeLocalPort()
        try start()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func start() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary!)
        p.arguments = [
            "serve", "--data", directory, "--create", "--no-auth", "--host", "127.0.0.1", "--port", String(port), "--bolt-port", "0",
            "--log-level", "error",
        ] + extra
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        process = p
        // Ready when a statement runs.
        let probe = try Neo4jHTTPTarget(url: url, timeoutSeconds: 2)
        for _ in 0..<200 {
            if (try? probe.run([MirrorStatement("RETURN 1")])) != nil { return }
            usleep(100_000)
        }
        throw MirrorError(.transport, "the target at \(url) did not start")
    }

    func kill9() {
        guard let p = process else { return }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        process = nil
    }

    func stop() {
        guard let p = process else { return }
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        process = nil
    }

    deinit { kill9() }
}
