extension GraphStorage {
    /// Verifies what `load()` does not read: SQLite's own structure (`integrity_check`, every
    /// page of every table and index), every mutation-log entry (checksum, decodable, numbered
    /// without a gap from the first one compaction kept, the last one the sequence the graph is at), and the vector
    /// index definitions (checksums and their recorded count). The graph's rows are verified by
    /// `load()`, which opening the data directory has already done.
    /// - Returns: the problems found, each naming what is affected (empty when all is well).
    public func verify() throws(PersistenceError) -> [String] {
        var problems = try integrityCheck().map { "\(databasePath): sqlite: \($0)" }
        do {
            var after = try compactedThrough()
            while true {
                let batch = try mutations(after: after, limit: 1024)
                guard let last = batch.last else { break }
                after = last.sequence
            }
            if after != lastSequence {
                problems.append("\(databasePath): the mutation log ends at entry \(after), expected \(lastSequence)")
            }
        } catch {
            problems.append("\(error)")
        }
        do {
            _ = try vectorIndexes()
        } catch {
            problems.append("\(error)")
        }
        return problems
    }
}
