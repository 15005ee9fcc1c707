import ArgumentParser
import Engine
import GraphStore
import Persistence

extension Ignitabull {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a data directory: SQLite's integrity check plus the graph's invariants.")

        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let db = try storage.open()
            let problems = try db.check()
            let s = db.graph.snapshot
            if problems.isEmpty {
                print("ok: \(storage.directory): \(Report.number(s.nodeCount)) nodes, \(Report.number(s.relationshipCount)) relationships, "
                    + "log at sequence \(db.storage?.lastSequence ?? 0)")
            } else {
                for p in problems { print(p) }
                throw CLIError("\(storage.directory): \(problems.count) problem(s) found")
            }
        }
    }
}
