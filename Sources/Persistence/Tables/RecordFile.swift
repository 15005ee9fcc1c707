/// A small durable table of text records `(kind, name) → value` in a SQLite file of its own: the server's
/// users, roles and API keys (`system.sqlite`). Each `put` and `delete` is its own durable transaction
/// (`synchronous=FULL`). Not thread-safe: serialise calls.
public final class RecordFile: @unchecked Sendable {  // the caller serialises access
    public let path: String
    let connection: SQLiteConnection

    /// Opens (or creates) `path`.
    /// - Throws: `PersistenceError` when the file cannot be opened or is not a record file.
    public init(path: String) throws(PersistenceError) {
        self.path = path
        connection = try SQLiteConnection(path: path)
        try connection.execute(
            """
            PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS records (
                kind TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, name)) WITHOUT ROWID
            """)
    }

    /// Every record of `kind`, by name.
    public func all(kind: String) throws(PersistenceError) -> [(name: String, value: String)] {
        let s = try connection.prepare("SELECT name, value FROM records WHERE kind = ? ORDER BY name")
        s.bind(1, kind)
        var out: [(name: String, value: String)] = []
        while try s.step() { out.append((s.text(0), s.text(1))) }
        return out
    }

    /// Writes (or replaces) one record.
    public func put(kind: String, name: String, value: String) throws(PersistenceError) {
        let s = try connection.prepare("INSERT OR REPLACE INTO records VALUES (?, ?, ?)")
        s.bind(1, kind)
        s.bind(2, name)
        s.bind(3, value)
        try s.run()
    }

    /// Removes one record (nothing when it is absent).
    public func delete(kind: String, name: String) throws(PersistenceError) {
        let s = try connection.prepare("DELETE FROM records WHERE kind = ? AND name = ?")
        s.bind(1, kind)
        s.bind(2, name)
        try s.run()
    }
}

extension RecordFile {
    /// SQLite's `data_version`: changes when another connection (another process) committed to the file.
    public func dataVersion() throws(PersistenceError) -> Int64 {
        try connection.scalarInt("PRAGMA data_version") ?? 0
    }
}
