import ArgumentParser
import Engine
import GraphImport
import GraphStore
import Hummingbird
import QueryServer
import Recommend

extension Ignitabull {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the REST API over HTTP until SIGINT or SIGTERM.",
            discussion: """
                Routes: GET /health, GET /metrics, and under /db/neo4j: products/{id}/also-bought,
                products/{id}/frequently-bought-with, products/{id}/similar, customers/{id}/recommendations
                (each takes ?k= and ?explain=true). With --demo on an empty data directory, the bundled
                Online Retail data is imported and mined first.
                """)

        @OptionGroup var storage: StorageOptions
        @Option(help: "The address to listen on.") var host = "127.0.0.1"
        @Option(help: "The port to listen on.") var port = 7474
        @Flag(help: "On an empty database, import datasets/online-retail and mine frequently-bought-with pairs first.")
        var demo = false

        func run() async throws {
            let db = try storage.open()
            if demo && db.graph.snapshot.nodeCount == 0 {
                let path = "datasets/online-retail/online_retail.csv.gz"
                let bar = ProgressBar(title: "importing \(path)")
                let report = try db.importOnlineRetail(path: path) { bar.update(done: $0, total: $1) }
                bar.finish()
                Output.write(1, "imported \(report.purchases) purchases, \(report.customers) customers, \(report.products) products\n")
                let (mined, _) = try db.mineFrequentlyBoughtTogether()
                Output.write(1, "mined \(mined.pairs.count) frequently-bought-with pairs\n")
            }
            let examples = Self.examples(db, base: "http://\(host):\(port)")
            // Unbuffered: when stdout is a pipe (a log collector), the hints must appear as soon as the server is up.
            let app = QueryServer.application(database: db, host: host, port: port) {
                Output.write(1, "serving on http://\(host):\(port); try:\n")
                for e in examples { Output.write(1, "  curl -s '\(e)'\n") }
                Output.write(1, "stop with Ctrl-C (SIGINT) or SIGTERM\n")
            }
            try await app.runService()
            Output.write(1, "stopped\n")
        }

        /// Three requests that work on the loaded data: a customer's recommendations and two product routes.
        static func examples(_ db: Database, base: String) -> [String] {
            let s = db.graph.snapshot
            var out = ["\(base)/health"]
            if let c = s.catalog.label("Customer").flatMap({ s.nodes(label: $0).first }), let id = s.property(c, "id")?.stringValue {
                out.append("\(base)/db/neo4j/customers/\(id)/recommendations?k=5&explain=true")
            }
            if let p = s.catalog.label("Product").flatMap({ s.nodes(label: $0).first }), let id = s.property(p, "id")?.stringValue {
                out.append("\(base)/db/neo4j/products/\(id)/frequently-bought-with?k=5")
                out.append("\(base)/db/neo4j/products/\(id)/also-bought?k=5")
            }
            return Array(out.suffix(3))
        }
    }
}
