import Synchronization

/// Log compaction: the mutation log is kept only as far back as some reader still needs it.
///
/// Its readers are the vector index files (each replays the entries after the sequence it was saved at),
/// the mutation-log consumers (the Neo4j mirror, from its acknowledged cursor) and work in progress
/// that has pinned a sequence (a mirror's initial sync, until it acknowledges). Everything at or before
/// the lowest of those is deleted, and `meta` records how far (`log.compacted_through`), so the log
/// still reads as numbered without a gap from there and a missing older entry is still noticed.
extension GraphStorage {
    static let compactedKey = "log.compacted_through"

    /// The last entry compaction removed (0: none); the log holds the entries after it.
    public func compactedThrough() throws(PersistenceError) -> Int64 {
        state.withLock { $0.compactedThrough }
    }

    /// Keeps the log from `sequence` on (exclusive of entries at or before it being compacted) until
    /// `unpinLog(_:)`; returns the sequence the log ends at now, which is what the pin protects.
    public func pinLog() -> Int64 {
        state.withLock { state in
            state.pins.append(state.lastSequence)
            return state.lastSequence
        }
    }

    /// Releases one pin taken by `pinLog()`.
    public func unpinLog(_ sequence: Int64) {
        state.withLock { state in
            if let i = state.pins.firstIndex(of: sequence) { state.pins.remove(at: i) }
        }
    }

    /// Deletes the log entries every reader has passed. A consumer with no cursor yet holds nothing
    /// (it starts with an initial sync, which pins what it needs).
    /// - Returns: how many entries were deleted, and the sequence the log now starts after.
    @discardableResult
    public func compactLog() throws(PersistenceError) -> (removed: Int, through: Int64) {
        let done = try removeLogEntries()
        // Apart, so that no statement of the removal is still open (SQLite refuses to move pages under one).
        if done.removed > 0 {
            try state.withLock { (state) throws(PersistenceError) in _ = try Self.reclaimFreePages(state.db) }
        }
        return done
    }

    /// The lowest sequence a reader of the log is at (a pin, a vector index file, a consumer's cursor),
    /// or nil when the log has no reader.
    static func oldestReader(_ db: SQLiteConnection, pins: [Int64], file: String) throws(PersistenceError) -> Int64? {
        var bound = pins.min()
        for d in try readVectorIndexRows(db, verify: true) { bound = min(bound ?? .max, d.sequence) }
        let consumers = try db.prepare("SELECT key FROM meta WHERE key LIKE 'consumer.%'")
        var names: [String] = []
        while try consumers.step() { names.append(String(consumers.text(0).dropFirst("consumer.".count))) }
        for name in names {
            if let cursor = try consumerCursor(db, name, file: file) { bound = min(bound ?? .max, cursor) }
        }
        return bound
    }

    private func removeLogEntries() throws(PersistenceError) -> (removed: Int, through: Int64) {
        try state.withLock { (state) throws(PersistenceError) -> (removed: Int, through: Int64) in
            let db = state.db
            let bound = min(state.lastSequence, try Self.oldestReader(db, pins: state.pins, file: databasePath) ?? .max)
            let done = state.compactedThrough
            guard bound > done else { return (0, done) }
            try db.execute("BEGIN IMMEDIATE")
            do throws(PersistenceError) {
                let count = try db.prepare("SELECT COUNT(*) FROM mutation_log WHERE seq <= ?")
                count.bind(1, bound)
                let removed = try count.step() ? Int(count.int(0)) : 0
                let delete = try db.prepare("DELETE FROM mutation_log WHERE seq <= ?")
                delete.bind(1, bound)
                try delete.run()
                try Self.setMeta(db, Self.compactedKey, String(bound))
                try db.execute("COMMIT")
                state.compactedThrough = bound
                return (removed, bound)
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
        }
    }
}
