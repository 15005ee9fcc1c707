import Synchronization

/// Free pages: rows deleted from the database file (chiefly compacted mutation-log entries) leave pages
/// SQLite reuses for later writes but does not give back. A bulk import writes each relationship twice,
/// once as a row and once in its log entry, so once the log is compacted about 40% of the file is free.
extension GraphStorage {
    /// The database file's size in pages, how many of them are free, and the page size in bytes.
    public func fileSpace() throws(PersistenceError) -> (pages: Int, free: Int, pageSize: Int) {
        try state.withLock { (state) throws(PersistenceError) -> (pages: Int, free: Int, pageSize: Int) in
            let (pages, free) = try Self.pages(state.db)
            return (pages, free, Int(try state.db.scalarInt("PRAGMA page_size") ?? 0))
        }
    }

    private static func pages(_ db: SQLiteConnection) throws(PersistenceError) -> (count: Int, free: Int) {
        (Int(try db.scalarInt("PRAGMA page_count") ?? 0), Int(try db.scalarInt("PRAGMA freelist_count") ?? 0))
    }

    /// Gives the free pages back to the file system when they are more than an eighth of the file and the file
    /// was created with incremental auto-vacuum (every file this engine creates; an older file keeps its free
    /// pages for reuse). Moves the pages at the end of the file into the free slots, then truncates the
    /// file and its write-ahead log. The caller holds the state lock.
    /// - Returns: the pages given back.
    static func reclaimFreePages(_ db: SQLiteConnection) throws(PersistenceError) -> Int {
        guard try db.scalarInt("PRAGMA auto_vacuum") == 2 else { return 0 }
        let before = try pages(db)
        guard before.free > 0, before.free * 8 > before.count else { return 0 }
        try db.execute("PRAGMA incremental_vacuum")
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return before.free - (try pages(db).free)
    }

    /// After a migration that dropped a table (version 7 drops `relationships`): a file with incremental
    /// auto-vacuum gives its free pages back; an older file without it is rewritten once with `VACUUM`,
    /// which also turns incremental auto-vacuum on, so its free pages go back now and after later compactions.
    static func shrinkAfterMigration(_ db: SQLiteConnection) throws(PersistenceError) {
        guard try db.scalarInt("PRAGMA auto_vacuum") != 2 else {
            _ = try reclaimFreePages(db)
            return
        }
        let (count, free) = try pages(db)
        guard free > 0, free * 8 > count else { return }
        try db.execute("PRAGMA auto_vacuum=INCREMENTAL")
        try db.execute("VACUUM")
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// Empties SQLite's page cache: a load reads every page through it and would leave it full (up to the
    /// configured 64 MiB) for commits that touch a few pages each.
    public func releaseCache() throws(PersistenceError) {
        try state.withLock { (state) throws(PersistenceError) in try state.db.execute("PRAGMA shrink_memory") }
    }
}
