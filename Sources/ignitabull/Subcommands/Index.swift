import ArgumentParser
import Engine
import Persistence
import VectorIndex

extension Ignitabull {
    struct Index: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage vector indexes (IVF-flat, cosine) over node properties.",
            discussion: """
                When a running `ignitabull serve` holds the data directory (or --server URL is given), each subcommand \
                goes through it as Cypher (CREATE VECTOR INDEX, SHOW INDEXES, DROP INDEX; creating and dropping need an admin).
                """,
            subcommands: [Create.self, List.self, Drop.self])

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Train and save a vector index over the vectors of `label`.`property`.")

            @Argument(help: "The index name.") var name: String
            @Option(help: "The node label.") var label: String
            @Option(help: "The property holding a vector (a float32 vector or a list of numbers).") var property: String
            @Option(help: "The vector dimension (default: that of the first vector found).") var dimensions: Int?
            @Option(help: "Inverted lists (default rows / 1000, at least 1).") var lists: Int?
            @OptionGroup var storage: StorageOptions
            @OptionGroup var server: ServerOptions

            func run() async throws {
                if let remote = server.resolve(storage) { return try run(through: remote) }
                let db = try storage.open(database: server.database.resolved)
                guard let dimensions = dimensions ?? db.vectorDimensions(label: label, property: property) else {
                    throw CLIError("no :\(label) node has a vector `\(property)` yet, so give --dimensions")
                }
                let clock = ContinuousClock()
                let start = clock.now
                do {
                    let e = try db.createVectorIndex(
                        name: name, label: label, property: property, dimensions: dimensions, lists: lists)
                    print("created vector index \(name): \(e.index.count) vectors, \(e.index.lists) lists, "
                        + "trained in \(Report.seconds((clock.now - start).seconds))")
                } catch {
                    throw CLIError("\(error)")
                }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the vector indexes.")
            @OptionGroup var storage: StorageOptions
            @OptionGroup var server: ServerOptions

            func run() async throws {
                if let remote = server.resolve(storage) { return try run(through: remote) }
                let db = try storage.open(database: server.database.resolved)
                for e in db.vectorIndexes.all {
                    let d = e.definition
                    print("\(d.name): (:\(d.label)).\(d.property), \(d.dimensions)-d \(d.similarity), \(e.index.count) vectors, "
                        + "\(e.index.lists) lists, imbalance \(e.index.imbalance)")
                }
            }
        }

        struct Drop: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Drop a vector index and its file.")
            @Argument(help: "The index name.") var name: String
            @OptionGroup var storage: StorageOptions
            @OptionGroup var server: ServerOptions

            func run() async throws {
                if let remote = server.resolve(storage) { return try run(through: remote) }
                let db = try storage.open(database: server.database.resolved)
                do { try db.dropVectorIndex(name: name) } catch { throw CLIError("\(error)") }
                print("dropped vector index \(name)")
            }
        }
    }
}
