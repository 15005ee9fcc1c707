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
                print("imported \(report.purchases) purchases, \(report.customers) customers, \(report.products) products")
                let (mined, _) = try db.mineFrequentlyBoughtTogether()
                print("mined \(mined.pairs.count) frequently-bought-with pairs")
            }
            let app = QueryServer.application(database: db, host: host, port: port)
            print("serving on http://\(host):\(port)  (try: curl http://\(host):\(port)/health)")
            try await app.runService()
        }
    }
}
