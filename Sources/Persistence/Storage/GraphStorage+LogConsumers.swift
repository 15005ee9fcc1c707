public import GraphStore

/// A relationship as a log consumer last delivered it: enough to address it on the other side
/// when a later log entry changes or deletes it by id alone.
public struct ConsumerRelationship: Sendable, Hashable {
    public var type: RelationshipTypeID
    public var source: NodeID

    public init(type: RelationshipTypeID, source: NodeID) {
        self.type = type
        self.source = source
    }
}

/// Durable state of mutation-log consumers (the Neo4j mirror): each consumer's cursor (the last
/// log sequence its target acknowledged) is a `meta` row `consumer.<name>`, and its directory of
/// delivered relationships is the `consumer_relationships` table. A cursor moves only through
/// ``GraphStorage/acknowledge(consumer:through:added:removed:)``, which writes the cursor and the
/// directory changes in one SQLite transaction: after a crash either both are on disk or neither.
extension GraphStorage {
    static func consumerKey(_ name: String) -> String { "consumer." + name }

    /// The consumer's cursor, or nil when it never acknowledged anything (it needs an initial sync).
    public func consumerSequence(_ name: String) throws(PersistenceError) -> Int64? {
        try withConnection { (db) throws(PersistenceError) -> Int64? in try Self.consumerCursor(db, name, file: databasePath) }
    }

    static func consumerCursor(_ db: SQLiteConnection, _ name: String, file: String) throws(PersistenceError) -> Int64? {
        let s = try db.prepare("SELECT value, crc FROM meta WHERE key = ?")
        s.bind(1, consumerKey(name))
        guard try s.step() else { return nil }
        let text = s.text(0)
        guard s.isInteger(1), s.int(1) == RowChecksum.meta(key: consumerKey(name), value: text), let seq = Int64(text), seq >= 0
        else {
            throw PersistenceError(.corrupt, file: file, "meta row \(consumerKey(name)): checksum mismatch")
        }
        return seq
    }

    /// Records that the consumer's target acknowledged every log entry through `sequence`, together with
    /// the relationships it now holds (`added`, replacing earlier rows of the same id) and those it no
    /// longer holds (`removed`): one SQLite transaction, so the cursor never runs ahead of the directory.
    /// - Throws: `missing` when `sequence` lies beyond the log's end; any SQLite failure (nothing changed).
    public func acknowledge(
        consumer name: String, through sequence: Int64, added: [(id: RelationshipID, ConsumerRelationship)] = [],
        removed: [RelationshipID] = []
    ) throws(PersistenceError) {
        guard sequence <= lastSequence else {
            throw PersistenceError(.missing, file: databasePath, "log entry \(sequence) does not exist (the log ends at \(lastSequence))")
        }
        try transaction { (db) throws(PersistenceError) in
            let remove = try db.prepare("DELETE FROM consumer_relationships WHERE consumer = ? AND id = ?")
            for r in removed {
                remove.bind(1, name)
                remove.bind(2, Int(r.rawValue))
                try remove.run()
            }
            let insert = try db.prepare("INSERT OR REPLACE INTO consumer_relationships(consumer, id, type, source) VALUES (?, ?, ?, ?)")
            for (r, rel) in added {
                insert.bind(1, name)
                insert.bind(2, Int(r.rawValue))
                insert.bind(3, Int(rel.type.rawValue))
                insert.bind(4, Int(rel.source.rawValue))
                try insert.run()
            }
            let key = Self.consumerKey(name)
            let value = String(sequence)
            let s = try db.prepare("INSERT OR REPLACE INTO meta(key, value, crc) VALUES (?, ?, ?)")
            s.bind(1, key)
            s.bind(2, value)
            s.bind(3, RowChecksum.meta(key: key, value: value))
            try s.run()
        }
    }

    /// The delivered relationships among `ids`, from the consumer's directory.
    public func consumerRelationships(_ name: String, ids: some Sequence<RelationshipID>) throws(PersistenceError)
        -> [RelationshipID: ConsumerRelationship]
    {
        let wanted = Array(ids)
        return try withConnection { (db) throws(PersistenceError) in
            let s = try db.prepare("SELECT type, source FROM consumer_relationships WHERE consumer = ? AND id = ?")
            var out: [RelationshipID: ConsumerRelationship] = [:]
            for r in wanted {
                s.bind(1, name)
                s.bind(2, Int(r.rawValue))
                if try s.step() {
                    out[r] = ConsumerRelationship(
                        type: RelationshipTypeID(UInt16(truncatingIfNeeded: s.int(0))), source: NodeID(UInt32(truncatingIfNeeded: s.int(1))))
                }
                s.reset()
            }
            return out
        }
    }

    /// Forgets a consumer: its cursor and its directory (the next run starts with an initial sync).
    public func resetConsumer(_ name: String) throws(PersistenceError) {
        try transaction { (db) throws(PersistenceError) in
            let d = try db.prepare("DELETE FROM consumer_relationships WHERE consumer = ?")
            d.bind(1, name)
            try d.run()
            let m = try db.prepare("DELETE FROM meta WHERE key = ?")
            m.bind(1, Self.consumerKey(name))
            try m.run()
        }
    }

    /// When log entry `sequence` was committed (milliseconds since 1970), or nil when there is no such entry.
    public func committedAt(sequence: Int64) throws(PersistenceError) -> Int64? {
        try withConnection { (db) throws(PersistenceError) -> Int64? in
            let s = try db.prepare("SELECT committed_at FROM mutation_log WHERE seq = ?")
            s.bind(1, sequence)
            return try s.step() ? s.int(0) : nil
        }
    }
}
