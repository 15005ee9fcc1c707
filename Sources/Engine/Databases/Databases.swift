import Foundation
import Synchronization

/// The databases of one server, by name, as in Neo4j 5: `neo4j` is the data directory itself (`DATA`), every
/// other database lives in `DATA/databases/<name>`, and `system` (users, roles, the list of databases) is not
/// a graph. Every database found there is opened at start. Without a data directory, created databases live
/// in memory.
///
/// A name a client sends becomes part of a path only after `DatabaseName` accepted it.
public final class Databases: Sendable {
    /// The data directory (nil: in memory).
    public let directory: String?
    let state: Mutex<[DatabaseName: Database]>
    /// Called with each database this registry opens or creates (the server sets its limits, starts its recommender).
    let prepare: @Sendable (Database) -> Void

    /// A registry holding `database` as `neo4j`; databases created later live in memory.
    public init(default database: Database, prepare: @escaping @Sendable (Database) -> Void = { _ in }) {
        directory = nil
        self.prepare = prepare
        state = Mutex([.defaultName: database])
        warnings = []
    }

    /// A registry over the data directory `directory`, whose own database `database` is `neo4j`: opens every
    /// database in `directory/databases` (a folder whose name is not a valid database name is skipped and
    /// reported in `warnings`, as are leftovers of an interrupted create or drop).
    /// - Throws: the storage's error for a database that cannot be opened (locked, damaged).
    public init(directory: String, default database: Database, prepare: @escaping @Sendable (Database) -> Void = { _ in }) throws {
        self.directory = directory
        self.prepare = prepare
        var found: [DatabaseName: Database] = [.defaultName: database]
        var skipped: [String] = []
        let folder = directory + "/databases"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            guard let name = try? DatabaseName(entry), name.rawValue == entry, name != .defaultName, name != .system else {
                skipped.append(entry)
                continue
            }
            let db = try Database(directory: folder + "/" + entry, create: false)
            prepare(db)
            found[name] = db
        }
        state = Mutex(found)
        warnings = skipped.sorted().map { "\(folder)/\($0): not a database (the name is not valid, or a create or drop was interrupted); skipped" }
    }

    /// What opening found that it skipped.
    public let warnings: [String]

    /// The database called `name` (any case), or nil: also for a name that is not valid, or `system`.
    public func database(named name: String) -> Database? {
        guard let n = try? DatabaseName(name) else { return nil }
        return state.withLock { $0[n] }
    }

    /// The default database, `neo4j`.
    public var defaultDatabase: Database { state.withLock { $0[.defaultName]! } }

    /// The names of the graph databases, `neo4j` first, then by name (without `system`).
    public var names: [String] {
        let all = state.withLock { Array($0.keys) }
        return [DatabaseName.defaultName.rawValue] + all.filter { $0 != .defaultName }.sorted().map(\.rawValue)
    }

    /// Every graph database, with its name, `neo4j` first.
    public var all: [(name: String, database: Database)] {
        let map = state.withLock { $0 }
        return names.compactMap { n in (try? DatabaseName(n)).flatMap { map[$0] }.map { (n, $0) } }
    }

    /// The directory of the database `name` (nil in memory).
    public func path(of name: DatabaseName) -> String? {
        guard let directory else { return nil }
        return name == .defaultName ? directory : directory + "/databases/" + name.rawValue
    }
}
