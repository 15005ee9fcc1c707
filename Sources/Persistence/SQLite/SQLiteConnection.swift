import CSQLite

/// One SQLite connection. Every SQLite call in the package goes through this file and
/// `SQLiteStatement.swift`. Not thread-safe: the owner serialises access.
final class SQLiteConnection: @unchecked Sendable {  // guarded by GraphStorage's lock
    let path: String
    private(set) var handle: OpaquePointer?

    init(path: String, readOnly: Bool = false, create: Bool = true) throws(PersistenceError) {
        self.path = path
        var db: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0))
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw PersistenceError(.io, file: path, "cannot open database: \(message)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5_000)
    }

    deinit { close() }

    func close() {
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws(PersistenceError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "error \(rc)"
            sqlite3_free(message)
            throw error(rc, text)
        }
    }

    func prepare(_ sql: String) throws(PersistenceError) -> SQLiteStatement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(rc, lastMessage) }
        return SQLiteStatement(stmt, connection: self)
    }

    /// The first column of the first row of `sql`, as an integer (nil when there is no row).
    func scalarInt(_ sql: String) throws(PersistenceError) -> Int64? {
        let s = try prepare(sql)
        return try s.step() ? s.int(0) : nil
    }

    /// The first column of the first row of `sql`, as text.
    func scalarText(_ sql: String) throws(PersistenceError) -> String? {
        let s = try prepare(sql)
        return try s.step() ? s.text(0) : nil
    }

    var lastMessage: String { handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed" }

    /// Maps an SQLite result code to a `PersistenceError`, classifying damaged files as `corrupt`.
    func error(_ rc: Int32, _ message: String) -> PersistenceError {
        let primary = rc & 0xFF
        if primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB {
            return PersistenceError(.corrupt, file: path, "the database file is damaged: \(message) (SQLite code \(rc))")
        }
        if primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN {
            return PersistenceError(.io, file: path, "\(message) (SQLite code \(rc))")
        }
        return PersistenceError(.sqlite, file: path, "\(message) (SQLite code \(rc))")
    }

    /// Copies this database into a new file at `destination` with SQLite's online backup API,
    /// a few pages at a time so that writers are not held up for long.
    func backup(to destination: String) throws(PersistenceError) {
        let target = try SQLiteConnection(path: destination)
        guard let b = sqlite3_backup_init(target.handle, "main", handle, "main") else {
            throw PersistenceError(.io, file: destination, "cannot start backup: \(target.lastMessage)")
        }
        var rc: Int32
        repeat {
            rc = sqlite3_backup_step(b, 256)
            if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { sqlite3_sleep(5) }
        } while rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED
        sqlite3_backup_finish(b)
        guard rc == SQLITE_DONE else { throw target.error(rc, "backup failed: \(target.lastMessage)") }
        target.close()
    }
}
