import ArgumentParser
import Engine
import GraphImport
import GraphStore

extension Ignitabull {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import data (Online Retail or neo4j-admin CSV) and report on the graph.",
            discussion: """
                Examples:
                  ignitabull import --online-retail datasets/online-retail/online_retail.csv.gz
                  ignitabull import --nodes Customer=customers.csv --nodes products.csv \\
                                    --relationships PURCHASED=purchases.csv
                An import runs in one transaction, written to the data directory before it returns:
                a bad line stops it with file:line:column and nothing is kept.
                """)

        @OptionGroup var source: GraphSourceOptions
        @OptionGroup var storage: StorageOptions
        @OptionGroup var database: DatabaseOption

        @Option(help: "Run the co-purchase traversal for this many sample customers (0 to skip).")
        var sample = 3

        @Flag(inversion: .prefixedNo, help: "Print graph statistics after the import.")
        var stats = true

        func validate() throws {
            if source.sourceCount == 0 { throw GraphSourceOptions.missingSource }
        }

        func run() async throws {
            let db = try storage.open(creating: true, database: database.resolved)
            try source.load(into: db)
            // The import's log entries repeat every row; with no reader behind them they go now, and the
            // file gives their pages back, instead of at the next open.
            try db.checkpoint()
            if stats { Report.statistics(db.statistics(), degrees: false) }
            if sample > 0 { SampleTraversal.run(db, customers: sample) }
        }
    }
}
