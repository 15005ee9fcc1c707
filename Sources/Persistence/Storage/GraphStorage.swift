#if canImport(Glibc)
import Glibc
#endif
public import GraphStore
import Synchronization

/// Durable storage of one graph in a data directory: `graph.sqlite` (SQLite in WAL mode) plus a
/// `LOCK` file held by the owning process, and `indexes/<number>.ivf` for vector indexes.
///
/// Integrity: every row carries a CRC-32 of its values (`RowChecksum`), verified when the graph
/// is loaded and by `verify()`; `meta` records how many nodes, relationships, tokens and
/// constraints there are, so a row that vanishes is noticed too. Damage is reported as `corrupt`
/// with the file and the row concerned, never loaded as if it were data.
///
/// Durability: `journal_mode=WAL` with `synchronous=FULL`, so each commit fsyncs the WAL before
/// it returns; a write acknowledged by `commit` survives a process crash and a power loss. Each
/// graph transaction is one SQLite transaction that writes the final state of every node and
/// every block of relationships (`RelationshipBlockWriter`) it touched plus one mutation-log
/// entry, so a transaction is on disk entirely or not at all. The engine calls `commit` from the
/// graph store's commit hook, before the new snapshot becomes visible.
public final class GraphStorage: Sendable {
    public let directory: String
    public let databasePath: String
    let state: Mutex<State>

    struct State: ~Copyable {
        let lock: DirectoryLock
        let db: SQLiteConnection
        var lastSequence: Int64
        var statements: Statements?
        /// Sequences the log must keep entries after (`pinLog()`), one per pin.
        var pins: [Int64] = []
        /// The last entry compaction removed (`meta` `log.compacted_through`, read at open, kept by `compactLog()`).
        var compactedThrough: Int64 = 0
    }

    /// Prepared statements for the write path, made on first commit.
    final class Statements {
        let insertToken, upsertNode, deleteNode, upsertBlock, deleteBlock: SQLiteStatement
        let insertConstraint, deleteConstraint, insertIndex, deleteIndex, appendLog, setMeta: SQLiteStatement

        init(_ db: SQLiteConnection) throws(PersistenceError) {
            insertToken = try db.prepare("INSERT INTO tokens(kind, id, name, crc) VALUES (?, ?, ?, ?)")
            upsertNode = try db.prepare("INSERT OR REPLACE INTO nodes(id, labels, properties, crc) VALUES (?, ?, ?, ?)")
            deleteNode = try db.prepare("DELETE FROM nodes WHERE id = ?")
            upsertBlock = try db.prepare("INSERT OR REPLACE INTO relationship_blocks(block, data, crc) VALUES (?, ?, ?)")
            deleteBlock = try db.prepare("DELETE FROM relationship_blocks WHERE block = ?")
            insertConstraint = try db.prepare(
                "INSERT INTO constraints(name, label, key, crc, kind, more_keys) VALUES (?, ?, ?, ?, ?, ?)")
            deleteConstraint = try db.prepare("DELETE FROM constraints WHERE name = ?")
            insertIndex = try db.prepare(
                "INSERT INTO property_indexes(name, kind, label, key, more_keys) VALUES (?, ?, ?, ?, ?)")
            deleteIndex = try db.prepare("DELETE FROM property_indexes WHERE name = ?")
            appendLog = try db.prepare(
                "INSERT INTO mutation_log(seq, committed_at, mutations, payload, crc) VALUES (?, ?, ?, ?, ?)")
            setMeta = try db.prepare("INSERT OR REPLACE INTO meta(key, value, crc) VALUES (?, ?, ?)")
        }

        /// A row of `constraints` (`kind` as `ConstraintRule.Kind`, 0 for uniqueness).
        func constraint(_ name: String, kind: Int, token: UInt32, keys: [PropertyKeyID]) throws(PersistenceError) {
            let more = Self.moreKeys(keys)
            insertConstraint.bind(1, name)
            insertConstraint.bind(2, Int(token))
            insertConstraint.bind(3, Int(keys[0].rawValue))
            insertConstraint.bind(4, RowChecksum.constraint(
                name: Array(name.utf8), label: Int64(token), key: Int64(keys[0].rawValue), kind: Int64(kind),
                moreKeys: Array(more.utf8)))
            insertConstraint.bind(5, kind)
            insertConstraint.bind(6, more)
            try insertConstraint.run()
        }

        /// The key ids after the first, comma-separated (the `more_keys` column).
        static func moreKeys(_ keys: [PropertyKeyID]) -> String { keys.dropFirst().map { String($0.rawValue) }.joined(separator: ",") }

        func node(_ id: UInt32, labels: [LabelID], properties: PropertyMap) throws(PersistenceError) {
            let l = PropertyCodec.encode(labels: labels)
            let p = PropertyCodec.encode(properties)
            upsertNode.bind(1, Int(id))
            upsertNode.bind(2, l)
            upsertNode.bind(3, p)
            upsertNode.bind(4, RowChecksum.node(id: Int64(id), labels: l, properties: p))
            try upsertNode.run()
        }

        func meta(_ key: String, _ value: String) throws(PersistenceError) {
            setMeta.bind(1, key)
            setMeta.bind(2, value)
            setMeta.bind(3, RowChecksum.meta(key: key, value: value))
            try setMeta.run()
        }
    }

    /// Opens the data directory and locks it.
    ///
    /// With `create`, a missing directory or database file is made (a new, empty graph); without
    /// it, both must exist and the file must not be empty, so that a mistyped `--data` or a
    /// deleted or truncated `graph.sqlite` is an error rather than a new empty database.
    /// - Throws: `missing` for an absent directory or file (without `create`); `locked` when
    ///   another process holds it; `corrupt` for a damaged database file; `unsupportedVersion`
    ///   for a file from a newer engine.
    public init(directory: String, create: Bool = true) throws(PersistenceError) {
        self.directory = directory
        databasePath = directory + "/graph.sqlite"
        try Self.checkLayout(directory: directory, database: databasePath, create: create)
        let lock = try DirectoryLock(directory: directory)
        let db = try SQLiteConnection(path: databasePath, create: create)
        try Self.configure(db)
        try Self.migrate(db, directory: directory)
        // After a compaction that removed every entry, the log ends where compaction stopped.
        let compacted = Int64(try Self.metaInt(db, Self.compactedKey))
        let last = max(Int64(try db.scalarInt("SELECT COALESCE(MAX(seq), 0) FROM mutation_log") ?? 0), compacted)
        if let acknowledged = lock.recordedSequence, acknowledged > last {
            throw PersistenceError(
                .corrupt, file: databasePath,
                "commits \(last + 1)...\(acknowledged) were acknowledged but are missing: the write-ahead log "
                    + "(graph.sqlite-wal) was damaged or truncated, or graph.sqlite was replaced by an older copy; restore from a "
                    + "backup (delete \(lock.path) to accept the loss and open what is left)")
        }
        lock.record(sequence: last)
        state = Mutex(State(lock: lock, db: db, lastSequence: last, statements: nil, compactedThrough: compacted))
    }

    private static func configure(_ db: SQLiteConnection) throws(PersistenceError) {
        // A new file keeps a map of its pages so that pages freed by log compaction can be given back
        // (`reclaimFreePages`); SQLite takes this setting only before the first table is created.
        if try db.scalarInt("PRAGMA page_count") == 0 { try db.execute("PRAGMA auto_vacuum=INCREMENTAL") }
        // A damaged header shows up on the first read; map it to a clear error.
        let mode = try db.scalarText("PRAGMA journal_mode=WAL")
        guard mode?.lowercased() == "wal" else {
            throw PersistenceError(.io, file: db.path, "cannot switch the database to WAL mode (got \(mode ?? "nothing"))")
        }
        try db.execute("PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536;")
    }

    /// Refuses to open what is not a data directory, or (without `create`) to make a new one.
    private static func checkLayout(directory: String, database: String, create: Bool) throws(PersistenceError) {
        var st = stat()
        if stat(directory, &st) != 0 {
            guard create else {
                throw PersistenceError(
                    .missing, file: directory,
                    "there is no data directory here; check --data, or create a new database with `ignitabull import` or --create")
            }
            if mkdir(directory, 0o755) != 0 && errno != EEXIST {
                throw PersistenceError(.io, file: directory, "cannot create the data directory: \(String(cString: strerror(errno)))")
            }
            return
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            throw PersistenceError(.io, file: directory, "not a directory; --data names a data directory")
        }
        if stat(database, &st) != 0 {
            guard create else {
                throw PersistenceError(
                    .missing, file: database,
                    "the data directory has no database file (deleted, or not a data directory); restore it from a backup, "
                        + "or create a new database with `ignitabull import` or --create")
            }
        } else if st.st_size == 0 {
            var wal = stat()
            let hasWAL = stat(database + "-wal", &wal) == 0 && wal.st_size > 0
            guard create && !hasWAL else {
                throw PersistenceError(
                    .corrupt, file: database,
                    "the database file is empty (0 bytes): it was truncated or never written; restore it from a backup")
            }
        }
    }

    private static func migrate(_ db: SQLiteConnection, directory: String) throws(PersistenceError) {
        let current = Int(try db.scalarInt("PRAGMA user_version") ?? 0)
        guard current <= Schema.version else {
            throw PersistenceError(
                .unsupportedVersion, file: db.path,
                "the file has schema version \(current), newer than this engine's \(Schema.version); upgrade the engine")
        }
        guard current < Schema.version else {
            let format = try db.scalarText("SELECT value FROM meta WHERE key = 'format'")
            guard format == "ignitabull-graph" else {
                throw PersistenceError(.corrupt, file: db.path, "not an Ignitabull graph database (no format marker)")
            }
            return
        }
        if current == 0 {
            // A new file must be empty; an existing SQLite file of another application is refused.
            let tables = try db.scalarInt("SELECT COUNT(*) FROM sqlite_master") ?? 0
            guard tables == 0 else {
                throw PersistenceError(.corrupt, file: db.path, "the file is an SQLite database of another kind (no schema version)")
            }
        }
        var renames: [(from: String, to: String)] = []
        try db.execute("BEGIN IMMEDIATE")
        do {
            for v in current..<Schema.version {
                try db.execute(Schema.migrations[v])
                if v + 1 == 4 { renames = try backfillVersion4(db) }
                if v + 1 == 7 { try packRelationships(db) }
                try db.execute("PRAGMA user_version = \(v + 1)")
            }
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
        if current > 0 && current < 7 { try shrinkAfterMigration(db) }
        // Index files move to their numbered names once the rows say so; a file that cannot be
        // moved (or whose old name was not a plain file name) is rebuilt from the graph on open.
        for r in renames { rename(directory + "/" + r.from, directory + "/" + r.to) }
    }

    /// Runs `body` with the connection, under the storage lock.
    func withConnection<R: Sendable>(_ body: (SQLiteConnection) throws(PersistenceError) -> R) throws(PersistenceError) -> R {
        try state.withLock { (state) throws(PersistenceError) -> R in try body(state.db) }
    }

    /// Runs `body` in one SQLite transaction, under the storage lock; rolls back if it throws.
    func transaction<R: Sendable>(_ body: (SQLiteConnection) throws(PersistenceError) -> R) throws(PersistenceError) -> R {
        try withConnection { (db) throws(PersistenceError) -> R in
            try db.execute("BEGIN IMMEDIATE")
            do throws(PersistenceError) {
                let r = try body(db)
                try db.execute("COMMIT")
                return r
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// The number of mutations from which a transaction is a bulk write, which leaves no log entry
    /// when the log has no reader.
    static let bulkMutations = 65_536

    /// The sequence number of the latest committed mutation-log entry (0 when none).
    public var lastSequence: Int64 { state.withLock { $0.lastSequence } }

    // MARK: - Write path

    /// Makes a transaction durable: one SQLite transaction with the final state of everything the
    /// graph transaction touched and one mutation-log entry (none for a bulk write the log has no
    /// reader for: the log is then compacted through it). Returns the entry's sequence number.
    /// - Throws: on any SQLite failure, after rolling back; the caller must then not publish.
    @discardableResult
    public func commit(_ txn: GraphTransaction) throws(PersistenceError) -> Int64 {
        try state.withLock { (state) throws(PersistenceError) -> Int64 in
            if state.statements == nil { state.statements = try Statements(state.db) }
            let st = state.statements!
            let db = state.db
            let s = txn.snapshot
            try db.execute("BEGIN IMMEDIATE")
            do {
                var touchedNodes = Set<UInt32>()
                var touchedBlocks = Set<Int>()
                for m in txn.mutations {
                    switch m {
                    case .createToken(let kind, let id, let name):
                        st.insertToken.bind(1, Int(kind.rawValue))
                        st.insertToken.bind(2, Int(id))
                        st.insertToken.bind(3, name)
                        st.insertToken.bind(4, RowChecksum.token(kind: Int64(kind.rawValue), id: Int64(id), name: Array(name.utf8)))
                        try st.insertToken.run()
                    case .createNode(let n, let labels, let props):
                        try st.node(n.rawValue, labels: labels, properties: props)
                    case .createRelationship(let r, _, _, _, _):
                        touchedBlocks.insert(Int(r.rawValue) / RelationshipBlockWriter.size)
                    case .deleteNode(let n), .setNodeProperty(let n, _, _), .addLabel(let n, _), .removeLabel(let n, _):
                        touchedNodes.insert(n.rawValue)
                    case .deleteRelationship(let r), .setRelationshipProperty(let r, _, _):
                        touchedBlocks.insert(Int(r.rawValue) / RelationshipBlockWriter.size)
                    case .createConstraint(let name, let label, let key):
                        try st.constraint(name, kind: 0, token: UInt32(label.rawValue), keys: [key])
                    case .createConstraintRule(let rule):
                        try st.constraint(rule.name, kind: Int(rule.kind.rawValue), token: rule.token, keys: rule.keys)
                    case .dropConstraint(let name):
                        st.deleteConstraint.bind(1, name)
                        try st.deleteConstraint.run()
                    case .createIndex(let name, let kind, let label, let key):
                        st.insertIndex.bind(1, name)
                        st.insertIndex.bind(2, Int(kind.rawValue))
                        st.insertIndex.bind(3, Int(label.rawValue))
                        st.insertIndex.bind(4, Int(key.rawValue))
                        st.insertIndex.bind(5, "")
                        try st.insertIndex.run()
                    case .createCompositeIndex(let name, let label, let keys):
                        st.insertIndex.bind(1, name)
                        st.insertIndex.bind(2, Int(PropertyIndex.Kind.range.rawValue))
                        st.insertIndex.bind(3, Int(label.rawValue))
                        st.insertIndex.bind(4, Int(keys[0].rawValue))
                        st.insertIndex.bind(5, Statements.moreKeys(keys))
                        try st.insertIndex.run()
                    case .dropIndex(let name):
                        st.deleteIndex.bind(1, name)
                        try st.deleteIndex.run()
                    }
                }
                // Entities changed after creation: write their final state (or remove them).
                for n in touchedNodes.sorted() {
                    let node = NodeID(n)
                    if s.contains(node) {
                        try st.node(n, labels: s.labels(of: node), properties: s.properties(of: node))
                    } else {
                        st.deleteNode.bind(1, Int(n))
                        try st.deleteNode.run()
                    }
                }
                // Every block a relationship was created, changed or deleted in: written again from the snapshot.
                for b in touchedBlocks.sorted() { try st.block(b, of: s) }
                let c = s.catalog
                for (key, value) in [
                    ("node_count", s.nodeCount), ("relationship_count", s.relationshipCount),
                    ("node_id_limit", s.nodeIDLimit), ("relationship_id_limit", s.relationshipIDLimit),
                    ("token_count", c.labelNames.count + c.typeNames.count + c.keyNames.count),
                    ("constraint_count", s.constraints.count + s.existenceConstraints.count),
                ] {
                    try st.meta(key, String(value))
                }
                let seq = state.lastSequence + 1
                // A bulk write that no reader of the log would read (no pin, vector index or consumer)
                // leaves the log compacted through it instead of an entry that the next compaction
                // would delete (and whose pages it would then give back): an import's entry is as
                // large as its relationships.
                let unlogged = try txn.mutations.count >= Self.bulkMutations
                    && Self.oldestReader(db, pins: state.pins, file: databasePath) == nil
                if unlogged {
                    try db.execute("DELETE FROM mutation_log")
                    try st.meta(Self.compactedKey, String(seq))
                } else {
                    var now = timespec()
                    clock_gettime(CLOCK_REALTIME, &now)
                    let committedAt = Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec / 1_000_000)
                    let payload = MutationCodec.encode(txn.mutations)
                    st.appendLog.bind(1, seq)
                    st.appendLog.bind(2, committedAt)
                    st.appendLog.bind(3, txn.mutations.count)
                    st.appendLog.bind(4, payload)
                    st.appendLog.bind(5, RowChecksum.log(
                        sequence: seq, committedAt: committedAt, count: Int64(txn.mutations.count), payload: payload))
                    try st.appendLog.run()
                }
                try db.execute("COMMIT")
                state.lastSequence = seq
                if unlogged { state.compactedThrough = seq }
                state.lock.record(sequence: seq)
                return seq
            } catch let e as PersistenceError {
                try? db.execute("ROLLBACK")
                throw e
            } catch {
                try? db.execute("ROLLBACK")
                throw PersistenceError(.sqlite, file: databasePath, "\(error)")
            }
        }
    }

    // MARK: - Maintenance

    /// Copies the database to `destination/graph.sqlite` with SQLite's online backup API, while
    /// the engine keeps serving (readers and the writer continue; the copy is a consistent state).
    public func backup(to destination: String) throws(PersistenceError) {
        if mkdir(destination, 0o755) != 0 && errno != EEXIST {
            throw PersistenceError(.io, file: destination, "cannot create the backup directory")
        }
        let target = destination + "/graph.sqlite"
        if access(target, F_OK) == 0 {
            throw PersistenceError(.io, file: target, "a backup already exists there; choose an empty directory")
        }
        // A separate read connection, so the backup does not hold the writer's connection.
        let source = try SQLiteConnection(path: databasePath, readOnly: true)
        try source.backup(to: target)
    }

    /// Runs SQLite's `integrity_check`. - Returns: the problems found (empty when the file is sound).
    /// On a read connection of its own (like `backup(to:)`), so the writer is not held up while every page is read.
    public func integrityCheck() throws(PersistenceError) -> [String] {
        let db = try SQLiteConnection(path: databasePath, readOnly: true)
        let s = try db.prepare("PRAGMA integrity_check")
        var problems: [String] = []
        while try s.step() {
            let line = s.text(0)
            if line != "ok" { problems.append(line) }
        }
        return problems
    }

    /// Mutation-log entries after `sequence`, in order, at most `limit`.
    public func mutations(after sequence: Int64, limit: Int) throws(PersistenceError) -> [(sequence: Int64, mutations: [GraphMutation])] {
        try state.withLock { (state) throws(PersistenceError) in
            let compacted = state.compactedThrough
            guard sequence >= compacted else {
                throw PersistenceError(
                    .missing, file: databasePath,
                    "mutation-log entry \(sequence + 1) was compacted away (the log starts after \(compacted)); "
                        + "a reader that far behind must start again from the graph")
            }
            let s = try state.db.prepare(
                "SELECT seq, committed_at, mutations, payload, crc FROM mutation_log WHERE seq > ? ORDER BY seq LIMIT ?")
            s.bind(1, sequence)
            s.bind(2, limit)
            var out: [(Int64, [GraphMutation])] = []
            var expected = sequence + 1
            while try s.step() {
                let seq = s.int(0)
                let bytes = s.withBlob(3) { Array($0) }
                let crc = RowChecksum.log(sequence: seq, committedAt: s.int(1), count: s.int(2), payload: bytes)
                guard s.isInteger(4), crc == s.int(4) else {
                    throw PersistenceError(.corrupt, file: databasePath, "mutation-log entry \(seq): checksum mismatch (the row is damaged)")
                }
                guard seq == expected else {
                    throw PersistenceError(.corrupt, file: databasePath, "mutation-log entry \(expected) is missing (found \(seq) next)")
                }
                expected = seq + 1
                guard let m = MutationCodec.decode(bytes) else {
                    throw PersistenceError(.corrupt, file: databasePath, "mutation-log entry \(seq) is malformed")
                }
                out.append((seq, m))
            }
            return out
        }
    }
}
