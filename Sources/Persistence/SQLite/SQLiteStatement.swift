import CSQLite

/// A prepared statement, reused across executions (bind, step, reset).
final class SQLiteStatement {
    private let stmt: OpaquePointer
    private unowned let connection: SQLiteConnection

    init(_ stmt: OpaquePointer, connection: SQLiteConnection) {
        self.stmt = stmt
        self.connection = connection
    }

    deinit { sqlite3_finalize(stmt) }

    func bind(_ i: Int32, _ v: Int64) { sqlite3_bind_int64(stmt, i, v) }
    func bind(_ i: Int32, _ v: Int) { sqlite3_bind_int64(stmt, i, Int64(v)) }
    func bind(_ i: Int32, _ v: Double) { sqlite3_bind_double(stmt, i, v) }
    func bindNull(_ i: Int32) { sqlite3_bind_null(stmt, i) }
    /// Binds `v` with its UTF-8 byte length, so a NUL inside it is stored, never a cut-off prefix.
    func bind(_ i: Int32, _ v: String) {
        var v = v
        v.withUTF8 { u in
            // An empty buffer may have no address; SQLite would bind NULL for a nil pointer.
            let empty: StaticString = ""
            let p = u.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(empty.utf8Start)
            _ = sqlite3_bind_text(
                stmt, i, p.assumingMemoryBound(to: CChar.self), Int32(u.count), ignitabull_sqlite_transient())
        }
    }
    func bind(_ i: Int32, _ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { sqlite3_bind_blob(stmt, i, $0.baseAddress, Int32($0.count), ignitabull_sqlite_transient()) }
    }

    /// Advances to the next row. - Returns: false when done.
    @discardableResult
    func step() throws(PersistenceError) -> Bool {
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw connection.error(rc, connection.lastMessage)
    }

    /// Runs the statement to completion and resets it for the next use.
    func run() throws(PersistenceError) {
        defer { reset() }
        while try step() {}
    }

    func reset() {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
    }

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(stmt, column) }
    /// The text in `column`, read with its byte length (a NUL inside is kept); bad UTF-8 is
    /// replaced by U+FFFD. Use `validText` for names, which must come back exactly.
    func text(_ column: Int32) -> String {
        withText(column) { String(decoding: $0, as: UTF8.self) }
    }

    /// The text in `column`, or nil when its bytes are not well-formed UTF-8.
    func validText(_ column: Int32) -> String? {
        withText(column) { String(validating: $0, as: UTF8.self) }
    }

    /// The raw bytes of the text in `column` (its byte length, not up to a NUL), valid inside `body`.
    func withText<R>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let p = sqlite3_column_text(stmt, column)
        let n = Int(sqlite3_column_bytes(stmt, column))
        return try body(UnsafeBufferPointer(start: p, count: p == nil ? 0 : n))
    }

    /// The raw bytes of the text in `column`.
    func textBytes(_ column: Int32) -> [UInt8] { withText(column) { Array($0) } }

    /// Whether `column` holds an integer (a checksum that a flipped type byte turned into text,
    /// a float or NULL is not one).
    func isInteger(_ column: Int32) -> Bool { sqlite3_column_type(stmt, column) == SQLITE_INTEGER }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(stmt, column) == SQLITE_NULL }

    /// The blob in `column`, valid until the next step: read it inside `body`.
    func withBlob<R, E: Error>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let n = Int(sqlite3_column_bytes(stmt, column))
        let p = sqlite3_column_blob(stmt, column)
        return try body(UnsafeRawBufferPointer(start: p, count: n))
    }
}
