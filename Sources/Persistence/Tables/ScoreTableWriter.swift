/// Writes batch-scoring results to a SQLite table `(subject TEXT, rank INTEGER, item TEXT, score REAL,
/// reason TEXT, PRIMARY KEY (subject, rank))` in a file of its own (not a data directory).
///
/// Each `append` is one transaction, so a crash leaves whole subjects only; `subjects()` lists the
/// subjects already written, which makes a run resumable. Not thread-safe: serialise calls.
public final class ScoreTableWriter: @unchecked Sendable {  // the caller serialises access
    /// One row.
    public struct Row: Sendable {
        public var subject: String
        public var rank: Int
        public var item: String
        public var score: Double
        public var reason: String?

        public init(subject: String, rank: Int, item: String, score: Double, reason: String?) {
            self.subject = subject
            self.rank = rank
            self.item = item
            self.score = score
            self.reason = reason
        }
    }

    public let path: String
    public let table: String
    private let connection: SQLiteConnection
    private let insert: SQLiteStatement

    /// Opens (or creates) `path` and the table.
    /// - Parameter replace: drop the table's existing rows first.
    /// - Throws: `PersistenceError` for a bad table name (letters, digits and `_`, not starting with a
    ///   digit) or an SQLite failure.
    public init(path: String, table: String, replace: Bool = false) throws(PersistenceError) {
        let valid =
            !table.isEmpty && table.count <= 64
            && table.utf8.allSatisfy {
                ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95
            } && !(table.utf8.first.map { $0 >= 48 && $0 <= 57 } ?? true)
        guard valid else {
            throw PersistenceError(
                .sqlite, file: path, "table name `\(table)` must be letters, digits and _, not starting with a digit")
        }
        self.path = path
        self.table = table
        connection = try SQLiteConnection(path: path)
        try connection.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
        if replace { try connection.execute("DROP TABLE IF EXISTS \"\(table)\"") }
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS "\(table)" (
                subject TEXT NOT NULL, rank INTEGER NOT NULL, item TEXT NOT NULL, score REAL NOT NULL, reason TEXT,
                PRIMARY KEY (subject, rank)) WITHOUT ROWID
            """)
        insert = try connection.prepare("INSERT OR REPLACE INTO \"\(table)\" VALUES (?, ?, ?, ?, ?)")
    }

    /// The distinct subjects already in the table.
    public func subjects() throws(PersistenceError) -> Set<String> {
        let s = try connection.prepare("SELECT DISTINCT subject FROM \"\(table)\"")
        var out = Set<String>()
        while try s.step() { out.insert(s.text(0)) }
        return out
    }

    /// The number of rows in the table.
    public func count() throws(PersistenceError) -> Int {
        Int(try connection.scalarInt("SELECT count(*) FROM \"\(table)\"") ?? 0)
    }

    /// Appends rows in one transaction.
    public func append(_ rows: [Row]) throws(PersistenceError) {
        try connection.execute("BEGIN")
        do {
            for r in rows {
                insert.bind(1, r.subject)
                insert.bind(2, r.rank)
                insert.bind(3, r.item)
                insert.bind(4, r.score)
                if let reason = r.reason { insert.bind(5, reason) } else { insert.bindNull(5) }
                try insert.run()
            }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }
}
