import TestSupport
import Testing

/// `ignitabull eval` end to end on a tiny MovieLens-format file.
@Suite struct EvalCommandTests {
    @Test func evalPrintsTheTable() throws {
        let dir = SharedData.temporaryDirectory()
        var lines: [String] = []
        for u in 1...6 {
            for i in 1...5 where (u + i) % 3 != 0 {
                lines.append("\(u)\t\(i)\t\(4 + (u + i) % 2)\t\(1000 + u * 10 + i)")
            }
        }
        SharedData.write(lines.joined(separator: "\n") + "\n", to: dir + "/u.data")
        let r = try CLITests.run(["eval", "--movielens", dir])
        #expect(r.status == 0, "\(r.err)")
        for text in [
            "NDCG@10", "popularity", "item-kNN (cosine, k=100)", "EASE (λ=50)", "recency × EASE",
            "ml-100k: 6 users, 5 items",
        ] {
            #expect(r.out.contains(text), "missing \(text) in \(r.out)")
        }
    }

    @Test func evalOfABadFileExitsNonZero() throws {
        let dir = SharedData.temporaryDirectory()
        SharedData.write("1\t2\t5\t100\n1\t3\n", to: dir + "/u.data")
        let r = try CLITests.run(["eval", "--movielens", dir])
        #expect(r.status != 0)
        #expect(r.err.contains("u.data:2: expected 4 fields"), "\(r.err)")
        let none = try CLITests.run(["eval"])
        #expect(none.status != 0)
    }
}
