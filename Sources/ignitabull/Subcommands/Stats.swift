import ArgumentParser
import Engine
import GraphImport
import GraphStore
import Persistence
import QueryServer
import Recommend

extension Ignitabull {
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print counts per label and type, degree distributions and memory of a graph.",
            discussion: """
                Reads the data directory, or builds a graph in memory from a source given on the command line. \
                When a running `ignitabull serve` holds the data directory (or --server URL is given), the figures \
                come from that server (GET /db/neo4j/stats), its resident size included.
                """)

        @OptionGroup var source: GraphSourceOptions
        @OptionGroup var storage: StorageOptions
        @OptionGroup var server: ServerOptions

        func run() async throws {
            if source.sourceCount == 0, let remote = server.resolve(storage) {
                remote.announce("the figures are the server's", storage)
                let answer = try remote.get(remote.path("stats"))
                guard let statistics = GraphStatistics(json: answer) else {
                    throw CLIError("\(remote.url)\(remote.path("stats")): an answer without the statistics: \(answer.text)")
                }
                Report.statistics(statistics, degrees: true, residentBytes: Int(answer["processResidentBytes"]?.intValue ?? 0))
                Report.modelSelection(answer["recommender"]?["table"]?.stringValue)
                return
            }
            let db: Database
            if source.sourceCount > 0 {
                db = Database()
                try source.load(into: db)
            } else {
                db = try storage.open(database: server.database.resolved)
            }
            Report.statistics(db.statistics(), degrees: true)
            if let space = try db.storage?.fileSpace() {
                let free = space.pages > 0 ? Double(space.free * 1000 / space.pages) / 10 : 0
                print("  on disk: graph.sqlite \(Report.bytes(space.pages * space.pageSize)), \(free)% of it free pages")
            }
            Report.modelSelection(db.modelSelection?.table)
        }
    }
}
