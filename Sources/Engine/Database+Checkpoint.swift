import Persistence

extension Database {
    /// What a checkpoint did: the vector indexes saved, and the mutation-log entries compacted away.
    public struct CheckpointReport: Sendable {
        public var indexesSaved: Int
        public var logEntriesRemoved: Int
        /// The log now holds the entries after this sequence (0: nothing was ever compacted).
        public var logStartsAfter: Int64
        /// The sequence the log ends at.
        public var logEnd: Int64

        /// "the log holds entries 251...600", or "the log is empty (it ends at entry 600)".
        public var logDescription: String {
            logStartsAfter >= logEnd
                ? "the log is empty (it ends at entry \(logEnd))" : "the log holds entries \(logStartsAfter + 1)...\(logEnd)"
        }
    }

    /// Saves every vector index (later opens replay less of the log), then deletes the log entries
    /// that every reader has passed: the index files, each mirror's acknowledged cursor, and any
    /// pinned sync (`GraphStorage.compactLog()`). Without a data directory there is nothing to do.
    @discardableResult
    public func checkpoint() throws -> CheckpointReport {
        guard let storage else { return CheckpointReport(indexesSaved: 0, logEntriesRemoved: 0, logStartsAfter: 0, logEnd: 0) }
        try vectorIndexes.checkpoint()
        let (removed, through) = try storage.compactLog()
        return CheckpointReport(
            indexesSaved: vectorIndexes.all.count, logEntriesRemoved: removed, logStartsAfter: through,
            logEnd: storage.lastSequence)
    }
}
