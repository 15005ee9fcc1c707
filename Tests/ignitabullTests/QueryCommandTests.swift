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
            "query", "--data", dir,
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
    @Test func aBusyPortIsNamedInTheError() throws {
        // Hold a port with a listening socket of our own.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(bound == 0)
        #expect(listen(fd, 1) == 0)
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        let port = Int(UInt16(bigEndian: addr.sin_port))
        let r = try CLITests.run(["serve", "--in-memory", "--port", String(port)])
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
