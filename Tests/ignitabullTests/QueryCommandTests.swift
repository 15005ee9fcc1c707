import Foundation
import Glibc
import Testing
import TestSupport

/// `ignitabull query` as a script uses it: rows alone on stdout in the asked format, the rest on stderr.
@Suite struct QueryCommandTests {
    /// A data directory holding two products whose fields need quoting in CSV and escaping in TSV.
    static func data() throws -> String {
        let dir = SharedData.temporaryDirectory() + "/data"
        let r = try CLITests.run([
            "query", "--data", dir, "--create",
            "CREATE (:Product {id: 'p1', name: 'mug, \"large\"', price: 2.5}), (:Product {id: 'p2', name: 'tab\\there', price: 3})",
        ])
        #expect(r.status == 0, "\(r.err)")
        return dir
    }

    static let read = "MATCH (p:Product) RETURN p.id AS id, p.name AS name, p.price AS price ORDER BY id"

    @Test func eachFormatPrintsOnlyTheRowsOnStandardOutput() throws {
        let dir = try Self.data()
        let csv = try CLITests.run(["query", "--data", dir, "--format", "csv", Self.read])
        #expect(csv.status == 0, "\(csv.err)")
        #expect(csv.out == "id,name,price\np1,\"mug, \"\"large\"\"\",2.5\np2,tab\there,3\n", "\(csv.out)")
        #expect(csv.err.contains("2 row(s)"))

        let tsv = try CLITests.run(["query", "--data", dir, "--format", "tsv", Self.read])
        #expect(tsv.out == "id\tname\tprice\np1\tmug, \"large\"\t2.5\np2\ttab\\there\t3\n", "\(tsv.out)")

        let jsonl = try CLITests.run(["query", "--data", dir, "--format", "jsonl", Self.read])
        let lines = jsonl.out.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?["name"] as? String == "mug, \"large\"")
        #expect(first?["price"] as? Double == 2.5)

        let json = try CLITests.run(["query", "--data", dir, "--format", "json", "MATCH (p:Product {id: 'p2'}) RETURN p"])
        let rows = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]]
        let node = rows?.first?["p"] as? [String: Any]
        #expect((node?["labels"] as? [String]) == ["Product"], "\(json.out)")
        #expect((node?["properties"] as? [String: Any])?["id"] as? String == "p2")

        let table = try CLITests.run(["query", "--data", dir, "--quiet", Self.read])
        #expect(table.err.isEmpty, "\(table.err)")
        #expect(table.out.hasPrefix("+----+"), "\(table.out)")
        #expect(table.out.contains("| p1 | mug, \"large\" | 2.5   |"), "\(table.out)")
    }

    @Test func anUnknownFormatIsAUsageError() throws {
        let r = try CLITests.run(["query", "--in-memory", "--format", "xml", "RETURN 1"])
        #expect(r.status != 0)
        #expect(r.err.contains("xml"), "\(r.err)")
        #expect(r.out.isEmpty)
    }
}

/// `serve` on a busy port fails at once and names the port.
@Suite struct ServeCommandTests {
    /// A listening socket on a free port of 127.0.0.1, held until `close(fd)`.
    static func holdPort() -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        _ = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        _ = listen(fd, 1)
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        return (fd, Int(UInt16(bigEndian: addr.sin_port)))
    }

    @Test func aBusyPortIsNamedInTheError() throws {
        let (fd, port) = Self.holdPort()
        defer { close(fd) }
        #expect(port > 0)
        let r = try CLITests.run(["serve", "--in-memory", "--no-auth", "--port", String(port), "--bolt-port", "0"])
        #expect(r.status != 0)
        #expect(r.err.contains("port \(port) on 127.0.0.1 is already in use"), "\(r.err)")
    }
}

/// Options that belong to another mode are refused, not silently ignored.
@Suite struct OptionScopeTests {
    @Test func syntheticSizesWithoutSyntheticAreAnError() throws {
        let r = try CLITests.run(["score", "--in-memory", "--customers", "17850", "-o", "/dev/null"])
        #expect(r.status != 0)
        #expect(r.err.contains("--customers sets a size of the synthetic graph and needs --synthetic"), "\(r.err)")
        #expect(r.err.contains("--customer ID"))
        let ok = try CLITests.run([
            "stats", "--in-memory", "--synthetic", "--customers", "50", "--products", "20", "--purchases", "200",
        ])
        #expect(ok.status == 0, "\(ok.err)")
    }
}

/// `serve --demo` finds the bundled data from any working directory.
@Suite struct DemoDataTests {
    static func serve(in directory: String, environment: [String: String], _ arguments: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        p.environment = environment
        p.arguments = arguments
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    @Test func aMissingDemoFileIsNamedAndLeavesNoDataDirectory() throws {
        let elsewhere = SharedData.temporaryDirectory()
        let (status, err) = try Self.serve(
            in: elsewhere, environment: ["IGNITABULL_DEMO_DATA": elsewhere + "/missing.csv.gz"],
            ["serve", "--demo", "--no-auth", "--data", elsewhere + "/data"])
        #expect(status != 0)
        #expect(err.contains("--demo needs datasets/online-retail/online_retail.csv.gz"), "\(err)")
        #expect(!FileManager.default.fileExists(atPath: elsewhere + "/data"))
    }

    @Test(.enabled(if: SharedData.onlineRetail != nil, "needs datasets/online-retail"))
    func theDataIsFoundFromOutsideTheCheckout() throws {
        // The demo file is looked for before the port: with the port busy, getting the port's error
        // (not the demo's) shows the file was found through the executable's folders.
        let (fd, port) = ServeCommandTests.holdPort()
        defer { close(fd) }
        let elsewhere = SharedData.temporaryDirectory()
        let (status, err) = try Self.serve(
            in: elsewhere, environment: [:], ["serve", "--demo", "--no-auth", "--data", elsewhere + "/data", "--port", String(port), "--bolt-port", "0"])
        #expect(status != 0)
        #expect(err.contains("port \(port) on 127.0.0.1 is already in use"), "\(err)")
    }
}
