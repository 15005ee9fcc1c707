import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `stats`, `mine`, `score` and `index` on a data directory that a running `serve` holds (with its default
/// authentication): each goes through the server and prints what it prints locally; the server's answers
/// are then checked against the same commands run locally once the server has stopped.
@Suite(.serialized) struct ServedDirectoryCommandsTests {
    static let scale = ["--customers", "300", "--products", "120", "--purchases", "3000"]

    /// Starts `serve` on `data`; the caller stops it.
    static func serve(_ data: String) throws -> (Process, Int) {
        let port = freeLocalPort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CLITests.binary)
        server.arguments = ["serve", "--data", data, "--port", String(port), "--bolt-port", "0", "--log-level", "error"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        for _ in 0..<300 where !FileManager.default.fileExists(atPath: data + "/SERVING") { usleep(50_000) }
        return (server, port)
    }

    static func stop(_ server: Process) {
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
    }

    /// JSONL score rows by customer: (knownCustomer, the products in order, their scores).
    static func rows(_ path: String) throws -> [String: (known: Bool, products: [String], scores: [Double])] {
        var out: [String: (Bool, [String], [Double])] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let items = try #require(o["items"] as? [[String: Any]])
            out[try #require(o["customer"] as? String)] = (
                o["knownCustomer"] as? Bool ?? true, items.compactMap { $0["product"] as? String },
                items.compactMap { ($0["score"] as? NSNumber)?.doubleValue }
            )
        }
        return out
    }

    /// The lines of `stats` before its memory section (memory and the model selection's timings differ by process).
    static func counts(_ stats: String) -> [Substring] {
        Array(stats.split(separator: "\n").prefix { !$0.hasPrefix("  memory") })
    }

    @Test func statsMineScoreAndIndexGoThroughTheServerAndMatchALocalRun() throws {
        let root = SharedData.temporaryDirectory()
        let data = root + "/data"
        let generated = try CLITests.run(["generate", "--data", data] + Self.scale)
        #expect(generated.status == 0, "\(generated.err)")
        let (server, port) = try Self.serve(data)
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        let url = "http://127.0.0.1:\(port)"
        #expect(FileManager.default.fileExists(atPath: data + "/SERVING"))

        // stats: the server's figures, printed as locally.
        let stats = try CLITests.run(["stats", "--data", data])
        #expect(stats.status == 0, "\(stats.err)")
        #expect(stats.err.contains("served by \(url)"), "\(stats.err)")
        #expect(stats.out.hasPrefix("graph: 430 nodes"), "\(stats.out)")
        #expect(stats.out.contains("out-degree:") && stats.out.contains("process resident"), "\(stats.out)")
        #expect(stats.out.contains("recommender (auto strategy):"), "\(stats.out)")

        // mine: in the server, durably (a local run afterwards finds nothing to change).
        let mine = try CLITests.run(["mine", "--data", data, "--min-count", "1", "--min-lift", "0"])
        #expect(mine.status == 0, "\(mine.err)")
        #expect(mine.err.contains("the server mines"), "\(mine.err)")
        #expect(mine.out.hasPrefix("mined ") && mine.out.contains("lift "), "\(mine.out)")
        let kept = try #require(mine.out.split(separator: "\n").first.flatMap { line in
            line.split(separator: " ").firstIndex(of: "kept").map { line.split(separator: " ")[$0 - 1] }
        })

        // score: every customer, in pages through the server; then a resumed run scores nobody again.
        let remote = root + "/remote.jsonl"
        let score = try CLITests.run(["score", "--data", data, "-o", remote, "-k", "5", "--explain"])
        #expect(score.status == 0, "\(score.err)")
        #expect(score.out.contains("scored 300 customers (k 5, auto)") && score.out.contains("through \(url)"), "\(score.out)")
        #expect(score.out.contains("auto chose"), "\(score.out)")
        let again = try CLITests.run(["score", "--data", data, "-o", remote, "-k", "5", "--explain"])
        #expect(again.out.contains("300 customers already scored") && again.out.contains("scored 0 customers"), "\(again.out)")
        let named = try CLITests.run(["score", "--data", data, "-o", root + "/named.csv", "-k", "2", "--customer", "C1", "--customer", "nobody"])
        #expect(named.status == 0 && named.out.contains("1 customer id(s) name no Customer"), "\(named.out)\(named.err)")
        let csv = try String(contentsOfFile: root + "/named.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "customer,rank,product,score,reason" && csv.dropFirst().map { $0.prefix { $0 != "," } } == ["C1", "C1", "nobody", "nobody"])
        let ease = try CLITests.run(["score", "--data", data, "-o", root + "/ease.jsonl", "--ease", "100"])
        #expect(ease.status != 0 && ease.err.contains("--ease"), "\(ease.err)")

        // index: CREATE VECTOR INDEX, SHOW INDEXES and DROP INDEX through the server, a name with a backquote included.
        let vectors = try CLITests.run(["query", "--data", data, "MATCH (p:Product) SET p.`e v` = [toFloat(size(p.id)), 1.0, 0.5]"])
        #expect(vectors.status == 0, "\(vectors.err)")
        let create = try CLITests.run(["index", "create", "odd`name", "--label", "Product", "--property", "e v", "--data", data])
        #expect(create.status == 0 && create.out.hasPrefix("created vector index odd`name: 120 vectors"), "\(create.out)\(create.err)")
        let list = try CLITests.run(["index", "list", "--data", data])
        #expect(list.out == "odd`name: (:Product).e v, 3-d cosine, 120 vectors, 1 lists\n", "\(list.out)\(list.err)")
        let missing = try CLITests.run(["index", "create", "none", "--label", "Product", "--property", "nothing", "--data", data])
        #expect(missing.status != 0 && missing.err.contains("give --dimensions"), "\(missing.err)")
        let wrongDrop = try CLITests.run(["index", "drop", "nosuch", "--data", data])
        #expect(wrongDrop.status != 0 && wrongDrop.err.contains("no vector index named `nosuch`"), "\(wrongDrop.err)")
        let drop = try CLITests.run(["index", "drop", "odd`name", "--data", data])
        #expect(drop.status == 0 && drop.out == "dropped vector index odd`name\n", "\(drop.out)\(drop.err)")
        #expect(try CLITests.run(["index", "list", "--data", data]).out == "")

        // A reader may read the figures and score, but not mine or create an index: the server's 403 is shown.
        let password = root + "/reader-password"
        try "reader-password-1\n".write(toFile: password, atomically: true, encoding: .utf8)
        let user = try CLITests.run(["user", "create", "rita", "--role", "reader", "--password-file", password, "--data", data])
        #expect(user.status == 0, "\(user.err)")
        var reader = ProcessInfo.processInfo.environment
        (reader["NEO4J_USERNAME"], reader["NEO4J_PASSWORD"]) = ("rita", "reader-password-1")
        usleep(1_500_000)  // the server rereads its users within a second
        #expect(try CLITests.run(["stats", "--data", data], environment: reader).status == 0)
        let refused = try CLITests.run(["mine", "--data", data], environment: reader)
        #expect(refused.status != 0 && refused.err.contains("HTTP 403") && refused.err.contains("only an admin may mine"), "\(refused.err)")
        let schema = try CLITests.run(["index", "create", "x", "--label", "Product", "--property", "e v", "--data", data], environment: reader)
        #expect(schema.status != 0 && schema.err.contains("Forbidden"), "\(schema.err)")

        let finalStats = try CLITests.run(["stats", "--data", data])
        Self.stop(server)
        #expect(!FileManager.default.fileExists(atPath: data + "/SERVING"))

        // The same commands locally, on what the server left.
        let localStats = try CLITests.run(["stats", "--data", data])
        #expect(Self.counts(localStats.out) == Self.counts(finalStats.out), "\(localStats.out)\n---\n\(finalStats.out)")
        let localMine = try CLITests.run(["mine", "--data", data, "--min-count", "1", "--min-lift", "0"])
        #expect(localMine.out.contains("FREQUENTLY_BOUGHT_WITH: 0 created, 0 updated, 0 deleted, \(kept.filter { $0 != "," }) unchanged"), "\(localMine.out)")
        let local = root + "/local.jsonl"
        let localScore = try CLITests.run(["score", "--data", data, "-o", local, "-k", "5", "--explain"])
        #expect(localScore.status == 0 && !localScore.err.contains("through"), "\(localScore.err)")
        let (a, b) = (try Self.rows(remote), try Self.rows(local))
        #expect(a.count == 300 && Set(a.keys) == Set(b.keys))
        for (customer, l) in b {
            let r = try #require(a[customer])
            #expect(r.known == l.known && r.products == l.products, "\(customer): \(r.products) through the server, \(l.products) locally")
            #expect(zip(r.scores, l.scores).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) }, "\(customer): \(r.scores) vs \(l.scores)")
        }
    }
}
