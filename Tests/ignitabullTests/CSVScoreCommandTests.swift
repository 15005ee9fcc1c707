import Foundation
import TestSupport
import Testing

/// A stranger's path: plain neo4j-admin CSV files, `ignitabull import` / `ignitabull score` with no
/// tuning flags, with the default constraints and with `--no-constraints`.
@Suite struct CSVScoreCommandTests {
    struct Line: Decodable {
        struct Item: Decodable {
            let product: String
        }
        let customer: String
        let coldStart: Bool
        let knownCustomer: Bool?
        let items: [Item]
    }

    func sources(_ dir: String) -> [String] {
        [
            "--nodes", "Customer=\(dir)/customers.csv", "--nodes", "Product=\(dir)/products.csv",
            "--relationships", "PURCHASED=\(dir)/purchased.csv",
        ]
    }

    func lines(_ path: String) throws -> [Line] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(Line.self, from: Data($0.utf8))
        }
    }

    @Test(arguments: [[], ["--no-constraints"]]) func everyCustomerIsPersonalised(flags: [String]) throws {
        let dir = ShopCSV.write()
        let out = dir + "/recs.jsonl"
        let r = try CLITests.run(["score", "--in-memory"] + sources(dir) + flags + ["-o", out, "-k", "5"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("created constraint constraint_Customer_id") == flags.isEmpty, "\(r.out)")
        let all = try lines(out)
        #expect(all.count == ShopCSV.customers)
        for line in all {
            let i = Int(line.customer.dropFirst())!
            #expect(!line.coldStart && line.knownCustomer == nil, "\(line.customer)")
            #expect(line.items.count == 5)
            #expect(Set(line.items.map(\.product)).isDisjoint(with: ShopCSV.owned(i)), "\(line.customer)")
        }

        // Named customers are looked up by id (through the constraint, or a scan without one); an unknown
        // id is reported and marked, not silently treated as a known one.
        let named = dir + "/named.jsonl"
        let n = try CLITests.run(
            ["score", "--in-memory"] + sources(dir) + flags + [
                "-o", named, "-k", "5", "--customer", "c7", "--customer", "ghost",
            ])
        #expect(n.status == 0, "\(n.err)")
        #expect(n.out.contains("1 customer id(s) name no Customer in the graph (ghost)"), "\(n.out)")
        let two = try lines(named)
        let c7 = try #require(two.first { $0.customer == "c7" })
        #expect(!c7.coldStart && c7.knownCustomer == nil)
        #expect(Set(c7.items.map(\.product)).isDisjoint(with: ShopCSV.owned(7)))
        let ghost = try #require(two.first { $0.customer == "ghost" })
        #expect(ghost.coldStart && ghost.knownCustomer == false)
    }

    @Test func importReportsTheConstraintsAndTheFlagSkipsThem() throws {
        let dir = ShopCSV.write()
        let with = try CLITests.run(["import", "--in-memory", "--sample", "0", "--no-stats"] + sources(dir))
        #expect(with.status == 0, "\(with.err)")
        #expect(with.out.contains("created constraint constraint_Customer_id: :Customer(id) is unique"))
        #expect(with.out.contains("created constraint constraint_Product_id: :Product(id) is unique"))
        let without = try CLITests.run(
            ["import", "--in-memory", "--sample", "0", "--no-stats", "--no-constraints"] + sources(dir))
        #expect(without.status == 0, "\(without.err)")
        #expect(!without.out.contains("created constraint"))
    }
}
