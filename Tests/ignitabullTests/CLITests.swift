import Foundation
import Testing
import TestSupport

/// End-to-end tests of the `ignitabull` executable, run as a child process.
@Suite struct CLITests {
    static var binary: String {
        // The test bundle and the executable share the build products folder.
        let products = Bundle.main.bundleURL.path
        for candidate in [products + "/ignitabull", SharedData.packageRoot + "/.build/debug/ignitabull"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return SharedData.packageRoot + "/.build/debug/ignitabull"
    }

    static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        if let environment { p.environment = environment }
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func generatePrintsCountsAndRunsTheSampleTraversal() throws {
        let r = try Self.run(["generate", "--in-memory", "--customers", "500", "--products", "200", "--purchases", "5000", "--sample", "2"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("5,000  PURCHASED"))
        #expect(r.out.contains("500  Customer"))
        #expect(r.out.contains("sample co-purchase traversal"))
        #expect(r.out.contains("bytes/relationship"))
    }

    @Test func importOfABadFileExitsNonZeroWithFileLineAndColumn() throws {
        let dir = SharedData.temporaryDirectory()
        SharedData.write("id:ID(C),age:int\nc1,30\nc2,thirty\n", to: dir + "/c.csv")
        let r = try Self.run(["import", "--in-memory", "--nodes", "Customer=\(dir)/c.csv"])
        #expect(r.status != 0)
        #expect(r.err.contains("\(dir)/c.csv:3:4: `thirty` is not a valid int for column `age`"), "\(r.err)")
    }

    @Test func importOfCSVFilesReportsRows() throws {
        let dir = SharedData.temporaryDirectory()
        SharedData.write("id:ID(C)\nc1\nc2\n", to: dir + "/c.csv")
        SharedData.write("id:ID(P),price:float\np1,2.5\n", to: dir + "/p.csv")
        SharedData.write(":START_ID(C),:END_ID(P)\nc1,p1\nc2,p1\n", to: dir + "/r.csv")
        let r = try Self.run([
            "import", "--data", dir + "/data", "--nodes", "Customer=\(dir)/c.csv", "--nodes", "Product=\(dir)/p.csv",
            "--relationships", "PURCHASED=\(dir)/r.csv", "--sample", "1",
        ])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("imported 3 nodes and 2 relationships"))
        #expect(r.out.contains("2  PURCHASED"))
        // The import was durable: stats and check read it back from the data directory.
        let stats = try Self.run(["stats", "--data", dir + "/data"])
        #expect(stats.status == 0 && stats.out.contains("2  PURCHASED"), "\(stats.err)")
        let check = try Self.run(["check", "--data", dir + "/data"])
        #expect(check.status == 0 && check.out.contains("ok: "), "\(check.out)\(check.err)")
    }

    /// A stranger's export through the CLI: the import leaves no free pages behind (its log entry, which repeats
    /// every row, is compacted at the end and its pages given back), and `stats` says so.
    @Test func anImportLeavesNoFreePagesBehind() throws {
        let dir = SharedData.temporaryDirectory()
        SharedData.write("id:ID(C)\n" + (0..<400).map { "customer-\($0)\n" }.joined(), to: dir + "/c.csv")
        SharedData.write("id:ID(P),name\n" + (0..<60).map { "p\($0),Product number \($0)\n" }.joined(), to: dir + "/p.csv")
        SharedData.write(
            ":START_ID(C),:END_ID(P),quantity:int,date\n"
                + (0..<6_000).map { "customer-\($0 % 400),p\($0 * 7 % 60),\($0 % 5 + 1),2011-01-\($0 % 28 + 10) 08:26:00\n" }.joined(),
            to: dir + "/r.csv")
        let r = try Self.run([
            "import", "--data", dir + "/data", "--nodes", "Customer=\(dir)/c.csv", "--nodes", "Product=\(dir)/p.csv",
            "--relationships", "PURCHASED=\(dir)/r.csv", "--sample", "0",
        ])
        #expect(r.status == 0, "\(r.err)")
        let stats = try Self.run(["stats", "--data", dir + "/data"])
        #expect(stats.status == 0 && stats.out.contains("6,000  PURCHASED"), "\(stats.out)\(stats.err)")
        let line = try #require(stats.out.split(separator: "\n").first { $0.contains("on disk: graph.sqlite") }, "\(stats.out)")
        let percent = try #require(line.split(separator: " ").first { $0.hasSuffix("%") }.flatMap { Double($0.dropLast()) })
        #expect(percent < 12.5, "\(line)")
    }

    @Test func cypherQueriesWriteDurablyAndSyntaxErrorsShowACaret() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        let create = try Self.run(["query", "--data", dir, "--create", "CREATE (:Product {id: $id, price: 2.5})", "--param", "id='p1'"])
        #expect(create.status == 0, "\(create.err)")
        #expect(create.err.contains("created 1 nodes"))
        let read = try Self.run([
            "query", "--data", dir, "--format", "tsv", "MATCH (p:Product) RETURN p.id AS id, p.price * 2 AS double",
        ])
        #expect(read.status == 0 && read.out == "id\tdouble\np1\t5.0\n", "\(read.out)\(read.err)")
        let bad = try Self.run(["query", "--data", dir, "MATCH (p:Product RETURN p"])
        #expect(bad.status != 0)
        #expect(bad.err.contains("line 1, column 18"), "\(bad.err)")
        #expect(bad.err.contains("MATCH (p:Product RETURN p\n                 ^"), "\(bad.err)")
    }

    /// `checkpoint` compacts the mutation log when nothing needs it (no index file or mirror behind), and the
    /// data stays readable.
    @Test func checkpointCompactsTheLog() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        for i in 0..<3 {
            let r = try Self.run(["query", "--data", dir, "--create", "CREATE (:Item {n: \(i)})"])
            #expect(r.status == 0, "\(r.err)")
        }
        let first = try Self.run(["checkpoint", "--data", dir])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("3 log entries removed; the log is empty (it ends at entry 3)"), "\(first.out)")
        let again = try Self.run(["checkpoint", "--data", dir])
        #expect(again.out.contains("0 log entries removed"), "\(again.out)")
        let read = try Self.run(["query", "--data", dir, "--format", "tsv", "MATCH (i:Item) RETURN count(i) AS n"])
        #expect(read.out == "n\n3\n", "\(read.out)\(read.err)")
        let check = try Self.run(["check", "--data", dir])
        #expect(check.status == 0, "\(check.out)\(check.err)")
    }

    @Test func onlyCommandsThatMakeADatabaseCreateOne() throws {
        let root = SharedData.temporaryDirectory()
        // A mistyped --data is an error, and nothing is created.
        for command in [["query", "RETURN 1"], ["check"], ["stats"], ["serve", "--bolt-port", "0"]] {
            let r = try Self.run([command[0], "--data", root + "/dtaa"] + command.dropFirst())
            #expect(r.status != 0 && r.err.contains("no data directory"), "\(command): \(r.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/dtaa"))
        // A data directory whose graph.sqlite was deleted or emptied is an error too.
        let dir = root + "/data"
        #expect(try Self.run(["query", "--data", dir, "--create", "CREATE (:A)"]).status == 0)
        let f = open(dir + "/graph.sqlite", O_WRONLY | O_TRUNC)
        close(f)
        let empty = try Self.run(["check", "--data", dir])
        #expect(empty.status != 0 && empty.err.contains("graph.sqlite: the database file is empty"), "\(empty.err)")
        unlink(dir + "/graph.sqlite")
        let missing = try Self.run(["query", "--data", dir, "MATCH (n) RETURN count(n)"])
        #expect(missing.status != 0 && missing.err.contains("has no database file"), "\(missing.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/graph.sqlite"))
    }

    @Test func missingSourceIsAUsageError() throws {
        let r = try Self.run(["import", "--in-memory"])
        #expect(r.status != 0)
        #expect(r.err.contains("Give a graph source"))
    }

    @Test(.enabled(if: SharedData.onlineRetail != nil, "needs datasets/online-retail"))
    func onlineRetailImportPrintsTheREADMECounts() throws {
        let r = try Self.run(["import", "--in-memory", "--online-retail", SharedData.onlineRetail!, "--sample", "1"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("541,909 lines read"))
        #expect(r.out.contains("kept 397,884 clean purchases (18,532 baskets"))
        #expect(r.out.contains("4,338 customers, 3,665 products"))
    }
}
