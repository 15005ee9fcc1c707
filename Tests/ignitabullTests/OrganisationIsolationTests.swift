import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Two organisations in one server, the way an operator sets them up: each shop's neo4j-admin CSV files
/// imported into its own database, scored with `ignitabull score`, and served with authentication on (the
/// default) to a reader key per shop. Over every route family each key sees only its own shop's customers
/// and products, gets 404 on the other shop, and cannot write.
@Suite(.serialized) struct OrganisationIsolationTests {
    static let curl: String? = ["/usr/bin/curl", "/bin/curl", "/usr/local/bin/curl"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    struct Line: Decodable {
        struct Item: Decodable { let product: String }
        let customer: String
        let items: [Item]
    }

    static func lines(_ path: String) throws -> [Line] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(Line.self, from: Data($0.utf8))
        }
    }

    /// (status, body) of one request with `key` as a bearer token.
    static func call(_ method: String, _ url: String, key: String, body: String? = nil) throws -> (Int, String) {
        var args = ["-s", "--max-time", "20", "-X", method, "-H", "Authorization: Bearer \(key)", "-w", "\n%{http_code}"]
        if let body { args += ["-H", "Content-Type: application/json", "--data-binary", body] }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: curl!)
        p.arguments = args + [url]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let split = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(split.last ?? "") ?? 0, split.dropLast().joined(separator: "\n"))
    }

    /// The ids with a shop's prefix (`a-c3`, `b-p1`) found in a response body.
    static func ids(in text: String) -> Set<String> {
        let regex = /"([ab]-[cp][0-9]+)"/
        return Set(text.matches(of: regex).map { String($0.output.1) })
    }

    @Test(.enabled(if: curl != nil, "needs curl")) func twoShopsScoredAndServedNeverSeeEachOther() throws {
        let root = SharedData.temporaryDirectory()
        let data = root + "/data"
        #expect(try CLITests.run(["query", "--data", data, "--create", "RETURN 1"]).status == 0)
        var keys: [String: String] = [:]
        for shop in ["a", "b"] {
            let csv = ShopCSV.write(prefix: "\(shop)-")
            let imported = try CLITests.run([
                "import", "--data", data, "--database", "shop-\(shop)", "--nodes", "Customer=\(csv)/customers.csv",
                "--nodes", "Product=\(csv)/products.csv", "--relationships", "PURCHASED=\(csv)/purchased.csv",
            ])
            #expect(imported.status == 0, "\(imported.err)")
            let out = root + "/\(shop).jsonl"
            let scored = try CLITests.run(["score", "--data", data, "--database", "shop-\(shop)", "-o", out, "-k", "5"])
            #expect(scored.status == 0, "\(scored.err)")
            let lines = try Self.lines(out)
            #expect(lines.count == ShopCSV.customers)
            for line in lines {
                #expect(line.customer.hasPrefix("\(shop)-") && line.items.count == 5, "\(line.customer)")
                #expect(line.items.allSatisfy { $0.product.hasPrefix("\(shop)-") }, "\(line.customer): \(line.items.map(\.product))")
            }
            let key = try CLITests.run(["key", "create", "--data", data, "--database", "shop-\(shop)", "--role", "reader"])
            keys[shop] = key.out.split(separator: "\n").last.map(String.init)
            #expect(keys[shop]?.hasPrefix("ign_") == true, "\(key.out)\(key.err)")
        }

        let port = freeLocalPort()
        let base = "http://127.0.0.1:\(port)"
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CLITests.binary)
        server.arguments = ["serve", "--data", data, "--port", String(port), "--bolt-port", "0", "--log-level", "error"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        for _ in 0..<300 where !FileManager.default.fileExists(atPath: data + "/SERVING") { usleep(50_000) }

        for (mine, other) in [("a", "b"), ("b", "a")] {
            let key = try #require(keys[mine])
            let routes: [(String, String, String?)] = [
                ("GET", "customers/\(mine)-c1/recommendations?k=5", nil),
                ("GET", "customers/\(mine)-c2/recommendations?k=5&strategy=co-purchase", nil),
                ("GET", "products/\(mine)-p1/similar?k=5", nil),
                ("GET", "products/\(mine)-p1/also-bought?k=5", nil),
                ("GET", "products/\(mine)-p1/frequently-bought-with?k=5", nil),
                ("GET", "counts", nil), ("GET", "stats", nil),
                ("POST", "cypher", #"{"query": "MATCH (n) RETURN n.id AS id"}"#),
                ("POST", "tx/commit", #"{"statements": [{"statement": "MATCH (c:Customer)-[:PURCHASED]->(p) RETURN c.id, p.id"}]}"#),
                ("POST", "score", #"{"customers": ["\#(mine)-c3", "\#(other)-c3"], "k": 5}"#),
            ]
            for (method, path, body) in routes {
                let (status, text) = try Self.call(method, "\(base)/db/shop-\(mine)/\(path)", key: key, body: body)
                #expect(status == 200, "\(mine) \(path): \(status) \(text)")
                let seen = Self.ids(in: text)
                // The other shop's customer named in the score request comes back as unknown, with its own id.
                let foreign = seen.filter { $0.hasPrefix("\(other)-") && $0 != "\(other)-c3" }
                #expect(foreign.isEmpty, "\(mine) \(path): \(foreign)")
                let (otherStatus, otherText) = try Self.call(method, "\(base)/db/shop-\(other)/\(path)", key: key, body: body)
                #expect(otherStatus == 404 && otherText.contains("DatabaseNotFound"), "\(mine) on \(other) \(path): \(otherStatus)")
                #expect(Self.ids(in: otherText).isEmpty, "\(mine) on \(other) \(path): \(otherText)")
            }
            // The other shop's ids are unknown here, not answered from there.
            let (status, text) = try Self.call("GET", "\(base)/db/shop-\(mine)/products/\(other)-p1/similar", key: key)
            #expect(status == 404, "\(text)")
            let (_, score) = try Self.call("POST", "\(base)/db/shop-\(mine)/score", key: key, body: #"{"customers": ["\#(other)-c3"]}"#)
            #expect(score.contains(#""knownCustomer":false"#), "\(score)")
            // A reader key writes nothing, by Cypher or by bulk upsert.
            let (write, _) = try Self.call(
                "POST", "\(base)/db/shop-\(mine)/cypher", key: key, body: #"{"query": "CREATE (:Customer {id: 'intruder'})"}"#)
            #expect(write == 403)
            let (bulk, _) = try Self.call("POST", "\(base)/db/shop-\(mine)/nodes", key: key, body: #"[{"label": "Customer", "id": "intruder"}]"#)
            #expect(bulk == 403)
            let (_, counts) = try Self.call("GET", "\(base)/db/shop-\(mine)/counts", key: key)
            #expect(counts.contains(#""nodes":\#(ShopCSV.customers + ShopCSV.products)"#), "\(counts)")
        }

        // `ignitabull score` through the running server (it holds the directory) scores the named database only.
        let served = root + "/b-served.jsonl"
        let scored = try CLITests.run(["score", "--data", data, "--database", "shop-b", "-o", served, "-k", "5"])
        #expect(scored.status == 0 && (scored.out + scored.err).contains("through \(base)"), "\(scored.out) \(scored.err)")
        let lines = try Self.lines(served)
        #expect(lines.count == ShopCSV.customers)
        #expect(lines.allSatisfy { $0.customer.hasPrefix("b-") && $0.items.allSatisfy { $0.product.hasPrefix("b-") } })
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
    }
}
