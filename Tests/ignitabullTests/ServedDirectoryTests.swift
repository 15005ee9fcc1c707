import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The CLI on a data directory that a running `serve` holds (with its default authentication): `query`
/// reads and writes through the server, `check` and `backup` run in it without downtime; afterwards the
/// directory is the CLI's again.
@Suite(.serialized) struct ServedDirectoryTests {
    @Test func queryCheckAndBackupGoThroughTheServerThatHoldsTheDirectory() throws {
        let root = SharedData.temporaryDirectory()
        let data = root + "/data"
        #expect(try CLITests.run(["query", "--data", data, "--create", "UNWIND range(1, 50) AS i CREATE (:Item {n: i})"]).status == 0)
        let port = freeLocalPort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CLITests.binary)
        server.arguments = ["serve", "--data", data, "--port", String(port), "--bolt-port", "0", "--log-level", "error"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        for _ in 0..<300 where !FileManager.default.fileExists(atPath: data + "/SERVING") { usleep(50_000) }
        #expect(FileManager.default.fileExists(atPath: data + "/SERVING"))

        let read = try CLITests.run(["query", "--data", data, "--format", "tsv", "MATCH (i:Item) RETURN count(i) AS n"])
        #expect(read.status == 0, "\(read.err)")
        #expect(read.out == "n\n50\n", "\(read.out)")
        #expect(read.err.contains("through http://127.0.0.1:\(port)"), "\(read.err)")
        let write = try CLITests.run(["query", "--data", data, "CREATE (:Item {n: 51})"])
        #expect(write.status == 0 && write.err.contains("nodes created 1"), "\(write.out)\(write.err)")
        let bad = try CLITests.run(["query", "--data", data, "MATCH (n RETURN n"])
        #expect(bad.status != 0 && bad.err.contains("SyntaxError"), "\(bad.err)")

        let check = try CLITests.run(["check", "--data", data])
        #expect(check.status == 0 && check.out.hasPrefix("ok: \(data): 51 nodes"), "\(check.out)\(check.err)")
        #expect(check.err.contains("the server runs the check"), "\(check.err)")

        let backup = try CLITests.run(["backup", root + "/copy", "--data", data])
        #expect(backup.status == 0, "\(backup.err)")
        #expect(backup.out.contains("online, through http://127.0.0.1:\(port)"), "\(backup.out)")

        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(!FileManager.default.fileExists(atPath: data + "/SERVING"), "withdrawn when the server stops")
        let copy = try CLITests.run(["query", "--data", root + "/copy", "--format", "tsv", "MATCH (i:Item) RETURN count(i) AS n"])
        #expect(copy.out == "n\n51\n", "\(copy.out)\(copy.err)")
        let local = try CLITests.run(["query", "--data", data, "--format", "tsv", "MATCH (i:Item) RETURN count(i) AS n"])
        #expect(local.out == "n\n51\n" && !local.err.contains("through"), "\(local.out)\(local.err)")
    }
}
