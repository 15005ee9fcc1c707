import ArgumentParser
import Engine
import GraphStore
import Persistence
import QueryServer

extension Ignitabull {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a data directory: SQLite's integrity check plus the graph's invariants.")

        @OptionGroup var storage: StorageOptions
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            if !storage.inMemory, let served = ServedDirectory.find(storage.directory)?.on(database.resolved) {
                // The server holds the directory: it runs the same check on the live database.
                Output.write(2, "\(storage.directory) is served by \(served.url): the server runs the check\n")
                let (status, answer) = try served.post(served.path("check"), [:])
                guard status == 200, let ok = answer["ok"]?.boolValue else {
                    throw CLIError("\(served.url): HTTP \(status): \(answer["message"]?.stringValue ?? answer.text)")
                }
                let problems = answer["problems"]?.arrayValue?.compactMap(\.stringValue) ?? []
                if ok {
                    print("ok: \(storage.directory): \(Report.number(Int(answer["nodes"]?.intValue ?? 0))) nodes, "
                        + "\(Report.number(Int(answer["relationships"]?.intValue ?? 0))) relationships, log at sequence \(answer["sequence"]?.intValue ?? 0)")
                    return
                }
                for p in problems { print(p) }
                throw CLIError("\(storage.directory): \(problems.count) problem(s) found")
            }
            let db = try storage.open(database: database.resolved)
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
