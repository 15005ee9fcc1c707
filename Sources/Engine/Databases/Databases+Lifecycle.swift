import Foundation
import Synchronization

extension Databases {
    /// Creates the database `name` (CREATE DATABASE): in memory, or in a new directory built under
    /// `DATA/databases/.create-<name>-<random>` and renamed into place, so a half-made database is never
    /// opened by name.
    /// - Returns: false when it exists and `ifNotExists` is set (nothing changes).
    /// - Throws: `invalidName`, `reserved` (`system`), `databaseExists`, `io`, or the storage's error.
    @discardableResult
    public func create(_ text: String, ifNotExists: Bool = false) throws -> Bool {
        let name = try DatabaseName(text)
        if name == .system { throw EngineError(.reserved, "The database name 'system' is reserved.") }
        // `/db/data/…` are Neo4j 3's transaction paths, which mean the default database.
        if name.rawValue == "data" { throw EngineError(.reserved, "The database name 'data' is reserved (the /db/data/… paths of Neo4j 3).") }
        if state.withLock({ $0[name] != nil }) {
            if ifNotExists { return false }
            throw EngineError(.databaseExists, "Failed to create the specified database '\(name)': Database already exists.")
        }
        let db: Database
        if let directory {
            do { try Self.makeDirectory(of: name, in: directory) } catch let e as EngineError where e.code == .databaseExists && ifNotExists {
                return false
            }
            db = try Database(directory: directory + "/databases/" + name.rawValue, create: false)
        } else {
            db = Database()
        }
        let added = state.withLock { s -> Bool in
            guard s[name] == nil else { return false }
            s[name] = db
            return true
        }
        guard added else {
            if ifNotExists { return false }
            throw EngineError(.databaseExists, "Failed to create the specified database '\(name)': Database already exists.")
        }
        prepare(db)
        return true
    }

    /// Makes the empty database `name` in `directory/databases/<name>`: built in a temporary directory beside it
    /// and renamed into place, so a half-made database is never opened by name (the CLI's `--database` with an
    /// importing command, and CREATE DATABASE).
    /// - Throws: `databaseExists` when the directory exists, `io`, or the storage's error.
    public static func makeDirectory(of name: DatabaseName, in directory: String) throws {
        let folder = directory + "/databases"
        let final = folder + "/" + name.rawValue
        let temporary = folder + "/.create-" + name.rawValue + "-" + UUID().uuidString
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try files.createDirectory(atPath: temporary, withIntermediateDirectories: false)
        } catch {
            throw EngineError(.io, "\(folder): cannot make the database's directory", cause: error)
        }
        do {
            // Made and closed in the temporary directory, then opened again at its final path.
            _ = try Database(directory: temporary, create: true)
            guard rename(temporary, final) == 0 else {
                let exists = errno == EEXIST || errno == ENOTEMPTY
                throw EngineError(
                    exists ? .databaseExists : .io,
                    exists ? "Failed to create the specified database '\(name)': Database already exists."
                        : "\(final): cannot rename the new database into place (errno \(errno))")
            }
        } catch {
            try? files.removeItem(atPath: temporary)
            throw error
        }
    }

    /// Drops the database `name` (DROP DATABASE): takes it out of the registry (later requests get
    /// `DatabaseNotFound`), then renames its directory aside and deletes it. Requests already running on it
    /// finish on their own reference; its files are closed when the last one ends.
    /// - Returns: false when it does not exist and `ifExists` is set.
    /// - Throws: `invalidName`, `reserved` (`neo4j`, `system`), `databaseNotFound`, `io`.
    @discardableResult
    public func drop(_ text: String, ifExists: Bool = false) throws(EngineError) -> Bool {
        let name = try DatabaseName(text)
        guard name != .defaultName, name != .system else {
            throw EngineError(.reserved, "The database '\(name)' cannot be dropped.")
        }
        guard state.withLock({ $0.removeValue(forKey: name) }) != nil else {
            if ifExists { return false }
            throw EngineError.notFound(name.rawValue)
        }
        guard let path = path(of: name) else { return true }
        let trash = directory! + "/databases/.drop-" + name.rawValue + "-" + UUID().uuidString
        guard rename(path, trash) == 0 else { throw EngineError(.io, "\(path): cannot remove the database's directory (errno \(errno))") }
        do { try FileManager.default.removeItem(atPath: trash) } catch {
            throw EngineError(.io, "\(trash): cannot remove the dropped database's files", cause: error)
        }
        return true
    }
}
