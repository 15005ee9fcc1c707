import ArgumentParser
import Engine
import GraphStore
import Recommend

extension Ignitabull {
    struct Mine: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mine frequently-bought-together product pairs into FREQUENTLY_BOUGHT_WITH relationships.",
            discussion: """
                Baskets are the PURCHASED relationships grouped by their `invoice` property (or, without \
                one, by customer and day). Each kept pair becomes (a)-[:FREQUENTLY_BOUGHT_WITH {count, \
                support, confidence, reverseConfidence, lift}]->(b). Running it again after new orders \
                updates only the pairs whose measures changed.
                When a running `ignitabull serve` holds the data \
                directory (or --server URL is given), the server mines its live graph (POST /db/neo4j/mine, as an admin).
                """)

        @OptionGroup var storage: StorageOptions
        @OptionGroup var source: GraphSourceOptions
        @OptionGroup var server: ServerOptions

        @Option(name: .customLong("min-count"), help: "Minimum baskets containing both products.")
        var minCount = 5
        @Option(name: .customLong("min-support"), help: "Minimum support (fraction of baskets).")
        var minSupport = 0.0
        @Option(name: .customLong("min-confidence"), help: "Minimum confidence in either direction.")
        var minConfidence = 0.0
        @Option(name: .customLong("min-lift"), help: "Minimum lift.")
        var minLift = 1.0

        func validate() throws {
            guard minCount >= 1 else { throw ValidationError("--min-count must be at least 1") }
            guard (0...1).contains(minSupport), (0...1).contains(minConfidence), minLift >= 0 else {
                throw ValidationError("--min-support and --min-confidence must be in 0...1, --min-lift at least 0")
            }
        }

        var thresholds: MiningThresholds {
            MiningThresholds(minCount: minCount, minSupport: minSupport, minConfidence: minConfidence, minLift: minLift)
        }

        func run() async throws {
            if source.sourceCount == 0, let remote = server.resolve(storage) { return try run(through: remote) }
            let db = try storage.open(database: server.database.resolved)
            if source.sourceCount > 0 { try source.load(into: db) }
            let clock = ContinuousClock()
            let start = clock.now
            let (result, changes) = try db.mineFrequentlyBoughtTogether(thresholds: thresholds)
            let seconds = (clock.now - start).seconds
            let s = db.graph.snapshot
            let top = result.pairs.sorted(by: { $0.count > $1.count }).prefix(5).map { p in
                (p.count, p.lift, s.property(p.first, "description") ?? s.property(p.first, "id") ?? .null,
                 s.property(p.second, "description") ?? s.property(p.second, "id") ?? .null)
            }
            Report.mined(
                baskets: result.baskets, distinctPairs: result.distinctPairs, kept: result.pairs.count, thresholds: thresholds,
                seconds: seconds, changes: changes, top: top)
        }
    }
}
