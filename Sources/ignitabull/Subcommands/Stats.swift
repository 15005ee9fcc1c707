import ArgumentParser
import Engine
import GraphImport
import Recommend

extension Ignitabull {
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print counts per label and type, degree distributions and memory of a graph.",
            discussion: "Reads the data directory, or builds a graph in memory from a source given on the command line.")

        @OptionGroup var source: GraphSourceOptions
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let db: Database
            if source.sourceCount > 0 {
                db = Database()
                try source.load(into: db)
            } else {
                db = try storage.open()
            }
            Report.statistics(db.statistics(), degrees: true)
            print("  recommender (auto strategy):")
            if let selection = db.modelSelection {
                for line in selection.table.split(separator: "\n") { print("    \(line)") }
            } else {
                print("    no model selection stored yet (made at the first recommendation or `ignitabull score`)")
            }
        }
    }
}
