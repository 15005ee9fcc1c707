import ArgumentParser
import Engine
import GraphStore
import Persistence

/// Where the graph is stored: a data directory (default `./data`), or memory only.
struct StorageOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "The data directory (created if missing).")
    var directory = "data"

    @Flag(name: .customLong("in-memory"), help: "Keep the graph in memory only; nothing is written to disk.")
    var inMemory = false

    /// Opens the database: the data directory, or an empty in-memory one with --in-memory.
    func open(quiet: Bool = false) throws -> Database {
        if inMemory { return Database() }
        let clock = ContinuousClock()
        let start = clock.now
        let db: Database
        do {
            db = try Database(directory: directory)
        } catch {
            throw CLIError("\(error)")
        }
        let s = db.graph.snapshot
        if s.nodeCount > 0, !quiet {
            // A status line, so on stderr: stdout carries only a command's result.
            Output.write(
                2,
                "opened \(directory): \(Report.number(s.nodeCount)) nodes, \(Report.number(s.relationshipCount)) relationships,"
                    + " loaded in \(Report.seconds((clock.now - start).seconds))\n")
        }
        return db
    }
}
