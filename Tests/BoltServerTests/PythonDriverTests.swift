import Foundation
import Testing

/// The official Neo4j Python driver, and neomodel on top of it, against the real binary
/// (Benchmarks/peers/bolt_driver_check.sh, bolt_neomodel_check.sh): they need the network for PyPI on first
/// use and a built `ignitabull`, so they run only when asked.
@Suite("Python driver end to end")
struct PythonDriverTests {
    static let enabled = ProcessInfo.processInfo.environment["IGNITABULL_DRIVER_TESTS"] == "1"

    /// Runs a check script with the built binary; its output and exit status.
    func run(_ script: String, _ extra: [String: String] = [:]) throws -> (output: String, status: Int32) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("Benchmarks/peers/\(script)").path]
        var env = ProcessInfo.processInfo.environment
        env["IGNITABULL_BIN"] = env["IGNITABULL_BIN"] ?? root.appendingPathComponent(".build/debug/ignitabull").path
        env.merge(extra) { old, _ in old }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        print(output)
        return (output, process.terminationStatus)
    }

    @Test(
        "bolt:// and neo4j:// through the neo4j driver from PyPI",
        .enabled(if: enabled, "set IGNITABULL_DRIVER_TESTS=1 to run the Python driver against the built binary"))
    func pythonDriver() throws {
        let (output, status) = try run("bolt_driver_check.sh", ["BOLT_STREAM_ROWS": "1000000"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("all checks passed"))
    }

    @Test(
        "the same checks with the driver's Rust PackStream codec (neo4j-rust-ext from PyPI)",
        .enabled(if: enabled, "set IGNITABULL_DRIVER_TESTS=1 to run the Python driver against the built binary"))
    func pythonDriverWithRustCodec() throws {
        let (output, status) = try run("bolt_driver_check.sh", ["BOLT_CODEC": "rust", "BOLT_STREAM_ROWS": "100000"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("Rust (neo4j-rust-ext) PackStream codec") && output.contains("all checks passed"))
    }

    @Test(
        "neomodel: the seed's models, their constraints, saves, connections and queries",
        .enabled(if: enabled, "set IGNITABULL_DRIVER_TESTS=1 to run neomodel against the built binary"))
    func neomodel() throws {
        let (output, status) = try run("bolt_neomodel_check.sh")
        #expect(status == 0, "\(output)")
        #expect(output.contains("all checks passed") && output.contains("ok   neomodel_install_labels"))
    }
}
