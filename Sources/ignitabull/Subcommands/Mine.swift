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
                """)

        @OptionGroup var storage: StorageOptions
        @OptionGroup var source: GraphSourceOptions

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

        func run() async throws {
            let db = try storage.open()
            if source.sourceCount > 0 { try source.load(into: db) }
            let clock = ContinuousClock()
            let start = clock.now
            let thresholds = MiningThresholds(minCount: minCount, minSupport: minSupport, minConfidence: minConfidence, minLift: minLift)
            let (result, changes) = try db.mineFrequentlyBoughtTogether(thresholds: thresholds)
            print("mined \(Report.number(result.baskets)) baskets: \(Report.number(result.distinctPairs)) distinct co-purchased pairs, "
                + "\(Report.number(result.pairs.count)) kept (count >= \(minCount), lift >= \(minLift)) in \(Report.seconds((clock.now - start).seconds))")
            print("FREQUENTLY_BOUGHT_WITH: \(changes.created) created, \(changes.updated) updated, \(changes.deleted) deleted, \(changes.unchanged) unchanged")
            let s = db.graph.snapshot
            for p in result.pairs.sorted(by: { $0.count > $1.count }).prefix(5) {
                let a = s.property(p.first, "description") ?? s.property(p.first, "id") ?? .null
                let b = s.property(p.second, "description") ?? s.property(p.second, "id") ?? .null
                print("  \(String(p.count).leftPadded(5))  lift \(Double(Int(p.lift * 10)) / 10)  \(a) + \(b)")
            }
        }
    }
}
