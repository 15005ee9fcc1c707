import ArgumentParser
import Engine
import GraphImport

extension Ignitabull {
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print counts per label and type, degree distributions and memory of a graph.")

        @OptionGroup var source: GraphSourceOptions

        func run() async throws {
            let db = Database()
            do {
                try source.load(into: db)
            } catch let error as ImportError {
                throw CLIError(error.description)
            }
            Report.statistics(db.statistics(), degrees: true)
        }
    }
}
