import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `--database NAME`: locally the command works on `DATA/databases/NAME`, through a running server on
/// `/db/NAME/…`; a name outside Neo4j's rules is refused before anything is made.
@Suite(.serialized) struct DatabaseOptionTests {
    static let count = "MATCH (c:Customer) RETURN c.id AS id"

    @Test func commandsWorkOnTheNamedDatabaseLocallyAndThroughTheServer() throws {
        let root = SharedData.temporaryDirectory()
        let data = root + "/data"
        #expect(try CLITests.run(["query", "--data", data, "--create", "CREATE (:Customer {id: 'n1'})"]).status == 0)
        let made = try CLITests.run(["query", "--data", data, "--create", "--database", "Shop", "CREATE (:Customer {id: 's1'})"])
        #expect(made.status == 0, "\(made.err)")
        #expect(FileManager.default.fileExists(atPath: data + "/databases/shop/graph.sqlite"))
        let local = try CLITests.run(["query", "--data", data, "--database", "shop", "--format", "tsv", Self.count])
        #expect(local.out == "id\ns1\n", "\(local.out)\(local.err)")
        let missing = try CLITests.run(["query", "--data", data, "--database", "absent", Self.count])
        #expect(missing.status != 0, "\(missing.out)")
        #expect(!FileManager.default.fileExists(atPath: data + "/databases/absent"))
        for bad in ["../x", "a/b", "%2e%2e", "system", String(repeating: "a", count: 200)] {
            let r = try CLITests.run(["query", "--data", data, "--create", "--database", bad, "RETURN 1"])
            #expect(r.status != 0 && r.err.contains("--database"), "\(bad): \(r.err)")
        }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: data + "/databases")) == ["shop"])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: root)) == ["data"])

        // Served: every database of the directory is opened, and --database goes to /db/NAME.
        let port = freeLocalPort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CLITests.binary)
        server.arguments = ["serve", "--data", data, "--port", String(port), "--bolt-port", "0", "--log-level", "error", "--no-auth"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        for _ in 0..<300 where !FileManager.default.fileExists(atPath: data + "/SERVING") { usleep(50_000) }
        let remote = try CLITests.run(["query", "--data", data, "--database", "shop", "--format", "tsv", Self.count])
        #expect(remote.out == "id\ns1\n", "\(remote.out)\(remote.err)")
        #expect(remote.err.contains("through http://127.0.0.1:\(port)"), "\(remote.err)")
        let other = try CLITests.run(["query", "--data", data, "--format", "tsv", Self.count])
        #expect(other.out == "id\nn1\n", "\(other.out)\(other.err)")
        let stats = try CLITests.run(["stats", "--data", data, "--database", "shop"])
        #expect(stats.status == 0, "\(stats.err)")
        let unknown = try CLITests.run(["query", "--data", data, "--database", "absent", Self.count])
        #expect(unknown.status != 0 && unknown.err.contains("DatabaseNotFound"), "\(unknown.err)")
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
    }

    @Test func userGrantAndRevokeTakeADatabase() throws {
        let auth = SharedData.temporaryDirectory() + "/system"
        SharedData.write("alice-password\n", to: auth + ".pw")
        #expect(try CLITests.run(["user", "create", "alice", "--password-file", auth + ".pw", "--auth-dir", auth]).status == 0)
        let grant = try CLITests.run(["user", "grant", "alice", "editor", "--database", "Shop", "--auth-dir", auth])
        #expect(grant.status == 0 && grant.out.contains("GRANT ROLE editor ON DATABASE shop TO alice"), "\(grant.out)\(grant.err)")
        let list = try CLITests.run(["user", "list", "--auth-dir", auth])
        #expect(list.out.contains("alice\teditor@shop"), "\(list.out)")
        let bad = try CLITests.run(["user", "grant", "alice", "editor", "--database", "../x", "--auth-dir", auth])
        #expect(bad.status != 0 && bad.err.contains("--database"), "\(bad.err)")
        let revoke = try CLITests.run(["user", "revoke", "alice", "editor", "--database", "shop", "--auth-dir", auth])
        #expect(revoke.status == 0, "\(revoke.err)")
        #expect(try CLITests.run(["user", "list", "--auth-dir", auth]).out.contains("alice\t\n"))
    }
}
