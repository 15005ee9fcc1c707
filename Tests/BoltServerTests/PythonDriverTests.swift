import Foundation
import Testing

/// The official Neo4j Python driver against the real binary (Benchmarks/peers/bolt_driver_check.sh): needs the
/// network for PyPI on first use and a built `ignitabull`, so it runs only when asked.
@Suite("Python driver end to end")
struct PythonDriverTests {
    static let enabled = ProcessInfo.processInfo.environment["IGNITABULL_DRIVER_TESTS"] == "1"

    @Test(
        "bolt:// and neo4j:// through the neo4j driver from PyPI",
        .enabled(if: enabled, "set IGNITABULL_DRIVER_TESTS=1 to run the Python driver against the built binary"))
    func pythonDriver() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let script = root.appendingPathComponent("Benchmarks/peers/bolt_driver_check.sh").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script]
        var env = ProcessInfo.processInfo.environment
        env["IGNITABULL_BIN"] = env["IGNITABULL_BIN"] ?? root.appendingPathComponent(".build/debug/ignitabull").path
        env["BOLT_STREAM_ROWS"] = env["BOLT_STREAM_ROWS"] ?? "100000"
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        print(output)
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("all checks passed"))
    }
}
