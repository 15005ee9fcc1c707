import Foundation
import TestSupport
import Testing

/// `ignitabull score` end to end: every format, resuming, and argument errors.
@Suite struct ScoreCommandTests {
    static let graph = ["--in-memory", "--synthetic", "--customers", "300", "--products", "120", "--purchases", "3000"]

    func temporary(_ name: String) -> String {
        let dir = NSTemporaryDirectory() + "ignitabull-score-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/" + name
    }

    @Test func theDefaultStrategyIsAutoAndItsChoiceIsStoredAndShownByStats() throws {
        let data = temporary("data")
        let path = temporary("auto.jsonl")
        let graph = ["--data", data, "--create"] + Self.graph.dropFirst()
        let r = try CLITests.run(["score"] + graph + ["-o", path, "-k", "3"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("auto chose") && r.out.contains("95% interval"), "\(r.out)")
        #expect(r.out.contains("scored 300 customers (k 3, auto)"))
        let stats = try CLITests.run(["stats", "--data", data])
        #expect(stats.status == 0, "\(stats.err)")
        #expect(stats.out.contains("recommender (auto strategy)") && stats.out.contains("auto chose"), "\(stats.out)")
        let blend = try CLITests.run(["score", "--data", data, "-o", temporary("blend.jsonl"), "--strategy", "blend"])
        #expect(blend.status == 0 && blend.out.contains("(k 10, blend)"), "\(blend.err)")
        let bad = try CLITests.run(["score", "--data", data, "-o", temporary("x.jsonl"), "--strategy", "best"])
        #expect(bad.status != 0 && bad.err.contains("auto, blend"))
    }

    @Test func jsonlCoversEveryCustomerAndResumes() throws {
        let path = temporary("recs.jsonl")
        let r = try CLITests.run(["score"] + Self.graph + ["-o", path, "-k", "5", "--explain", "--threads", "2"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("scored 300 customers"))
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 300)
        struct Line: Decodable {
            struct Item: Decodable {
                let product: String
                let score: Double
                let reason: String?
            }
            let customer: String
            let items: [Item]
        }
        let parsed = try lines.map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
        #expect(Set(parsed.map(\.customer)).count == 300)
        #expect(parsed.allSatisfy { $0.items.count == 5 && $0.items.allSatisfy { $0.reason != nil } })

        // Cut the file mid-line: the complete lines are kept and only the rest is scored.
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
        let again = try CLITests.run(["score"] + Self.graph + ["-o", path, "-k", "5"])
        #expect(again.status == 0, "\(again.err)")
        #expect(again.out.contains("already scored"))
        let resumed = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(resumed.count == 300)
        let ids = try resumed.map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)).customer }
        #expect(Set(ids).count == 300)
    }

    @Test func csvAndSQLiteForAListOfCustomers() throws {
        let csv = temporary("recs.csv")
        let r = try CLITests.run(
            ["score"] + Self.graph + ["-o", csv, "-k", "3", "--customer", "C1", "--customer", "nobody"])
        #expect(r.status == 0, "\(r.err)")
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "customer,rank,product,score,reason")
        #expect(rows.count == 1 + 6)
        #expect(
            rows.dropFirst().map { $0.split(separator: ",").first! } == [
                "C1", "C1", "C1", "nobody", "nobody", "nobody",
            ])

        let db = temporary("recs.sqlite")
        let s = try CLITests.run(
            ["score"] + Self.graph + ["-o", db, "-k", "2", "--customer", "C1", "--customer", "C2"])
        #expect(s.status == 0, "\(s.err)")
        let t = try CLITests.run(
            ["score"] + Self.graph + ["-o", db, "-k", "2", "--customer", "C2", "--customer", "C3"])
        #expect(t.status == 0, "\(t.err)")
        #expect(t.out.contains("2 customers already scored") && t.out.contains("scored 1 customers"))
    }

    @Test func badArgumentsFail() throws {
        let r = try CLITests.run(["score"] + Self.graph + ["-o", temporary("x.jsonl"), "-k", "0"])
        #expect(r.status != 0)
        #expect(r.err.contains("-k must be in 1...1000"))
        let s = try CLITests.run(["score"] + Self.graph + ["-o", temporary("x.jsonl"), "--strategy", "magic"])
        #expect(s.status != 0)
        let t = try CLITests.run(["score"] + Self.graph + ["-o", temporary("x.sqlite"), "--table", "1bad"])
        #expect(t.status != 0)
        #expect(t.err.contains("table name"))
    }
}
