import ArgumentParser
import Engine
import Foundation
import GraphStore
import Persistence

/// Where the graph is stored: a data directory (default `./data`), or memory only.
///
/// Like `psql` and `neo4j-admin`, only commands that make a database (`import`, `generate`,
/// `serve --demo`) or an explicit `--create` create a data directory; every other command
/// requires an existing one with its `graph.sqlite`, so a mistyped `--data` is an error.
struct StorageOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "The data directory (must exist, unless the command creates one or --create is given).")
    var directory = "data"

    @Flag(name: .customLong("in-memory"), help: "Keep the graph in memory only; nothing is written to disk.")
    var inMemory = false

    @Flag(name: .customLong("create"), help: "Create a new, empty database when the data directory or its graph.sqlite is missing.")
    var create = false

    /// The directory of the database `name`: the data directory for `neo4j`, else `DATA/databases/NAME`.
    func databaseDirectory(_ name: String) -> String {
        name == DatabaseName.defaultName.rawValue ? directory : directory + "/databases/" + name
    }

    /// Opens the database: the data directory, or an empty in-memory one with --in-memory.
    /// - Parameters:
    ///   - creating: whether this command makes a database (import, generate, serve --demo).
    ///   - quiet: no "opened" report on standard error.
    ///   - database: a database other than `neo4j` lives in `DATA/databases/NAME` (a name `DatabaseOption` checked);
    ///     one that does not exist is made (atomically) only when the command creates.
    func open(creating: Bool = false, quiet: Bool = false, database: String = "neo4j") throws -> Database {
        if inMemory { return Database() }
        let clock = ContinuousClock()
        let start = clock.now
        let directory = databaseDirectory(database)
        let db: Database
        do {
            if directory != self.directory, create || creating, !FileManager.default.fileExists(atPath: directory) {
                try Databases.makeDirectory(of: try DatabaseName(database), in: self.directory)
            }
            db = try Database(directory: directory, create: directory == self.directory && (create || creating))
        } catch {
            throw CLIError("\(error)")
        }
        for w in db.warnings { Output.write(2, "warning: \(w)\n") }
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
