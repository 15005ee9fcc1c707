#if canImport(Glibc)
import Glibc
#endif
public import GraphStore
import Synchronization

/// Durable storage of one graph in a data directory: `graph.sqlite` (SQLite in WAL mode) plus a
/// `LOCK` file held by the owning process.
///
/// Durability: `journal_mode=WAL` with `synchronous=FULL`, so each commit fsyncs the WAL before
/// it returns; a write acknowledged by `commit` survives a process crash and a power loss. Each
/// graph transaction is one SQLite transaction that writes the final state of every node and
/// relationship it touched plus one mutation-log entry, so a transaction is on disk entirely or
/// not at all. The engine calls `commit` from the graph store's commit hook, before the new
/// snapshot becomes visible.
public final class GraphStorage: Sendable {
    public let directory: String
    public let databasePath: String
    private let state: Mutex<State>

    private struct State: ~Copyable {
        let lock: DirectoryLock
        let db: SQLiteConnection
        var lastSequence: Int64
        var statements: Statements?
    }

    /// Prepared statements for the write path, made on first commit.
    private final class Statements {
        let insertToken, upsertNode, deleteNode, upsertRelationship, deleteRelationship: SQLiteStatement
        let insertConstraint, deleteConstraint, insertIndex, deleteIndex, appendLog, setMeta: SQLiteStatement

        init(_ db: SQLiteConnection) throws(PersistenceError) {
            insertToken = try db.prepare("INSERT INTO tokens(kind, id, name) VALUES (?, ?, ?)")
            upsertNode = try db.prepare("INSERT OR REPLACE INTO nodes(id, labels, properties) VALUES (?, ?, ?)")
            deleteNode = try db.prepare("DELETE FROM nodes WHERE id = ?")
            upsertRelationship = try db.prepare(
                "INSERT OR REPLACE INTO relationships(id, type, source, target, properties) VALUES (?, ?, ?, ?, ?)")
            deleteRelationship = try db.prepare("DELETE FROM relationships WHERE id = ?")
            insertConstraint = try db.prepare("INSERT INTO constraints(name, label, key) VALUES (?, ?, ?)")
            deleteConstraint = try db.prepare("DELETE FROM constraints WHERE name = ?")
            insertIndex = try db.prepare("INSERT INTO property_indexes(name, kind, label, key) VALUES (?, ?, ?, ?)")
            deleteIndex = try db.prepare("DELETE FROM property_indexes WHERE name = ?")
            appendLog = try db.prepare("INSERT INTO mutation_log(seq, committed_at, mutations, payload) VALUES (?, ?, ?, ?)")
            setMeta = try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")
        }
    }

    /// Opens (creating if needed) the data directory and locks it.
    /// - Throws: `locked` when another process holds it; `corrupt` for a damaged database file;
    ///   `unsupportedVersion` for a file from a newer engine.
    public init(directory: String) throws(PersistenceError) {
        self.directory = directory
        databasePath = directory + "/graph.sqlite"
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw PersistenceError(.io, file: directory, "cannot create the data directory: \(String(cString: strerror(errno)))")
        }
        let lock = try DirectoryLock(directory: directory)
        let db = try SQLiteConnection(path: databasePath)
        try Self.configure(db)
        try Self.migrate(db)
        let last = try db.scalarInt("SELECT COALESCE(MAX(seq), 0) FROM mutation_log") ?? 0
        state = Mutex(State(lock: lock, db: db, lastSequence: last, statements: nil))
    }

    private static func configure(_ db: SQLiteConnection) throws(PersistenceError) {
        // A damaged header shows up on the first read; map it to a clear error.
        let mode = try db.scalarText("PRAGMA journal_mode=WAL")
        guard mode?.lowercased() == "wal" else {
            throw PersistenceError(.io, file: db.path, "cannot switch the database to WAL mode (got \(mode ?? "nothing"))")
        }
        try db.execute("PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536;")
    }

    private static func migrate(_ db: SQLiteConnection) throws(PersistenceError) {
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
        try db.execute("BEGIN IMMEDIATE")
        do {
            for v in current..<Schema.version {
                try db.execute(Schema.migrations[v])
                try db.execute("PRAGMA user_version = \(v + 1)")
            }
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` with the connection, under the storage lock.
    func withConnection<R: Sendable>(_ body: (SQLiteConnection) throws(PersistenceError) -> R) throws(PersistenceError) -> R {
        try state.withLock { (state) throws(PersistenceError) -> R in try body(state.db) }
    }

    /// The sequence number of the latest committed mutation-log entry (0 when none).
    public var lastSequence: Int64 { state.withLock { $0.lastSequence } }

    // MARK: - Write path

    /// Makes a transaction durable: one SQLite transaction with the final state of everything the
    /// graph transaction touched and one mutation-log entry. Returns the entry's sequence number.
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
                var touchedRels = Set<UInt32>()
                for m in txn.mutations {
                    switch m {
                    case .createToken(let kind, let id, let name):
                        st.insertToken.bind(1, Int(kind.rawValue))
                        st.insertToken.bind(2, Int(id))
                        st.insertToken.bind(3, name)
                        try st.insertToken.run()
                    case .createNode(let n, let labels, let props):
                        st.upsertNode.bind(1, Int(n.rawValue))
                        st.upsertNode.bind(2, PropertyCodec.encode(labels: labels))
                        st.upsertNode.bind(3, PropertyCodec.encode(props))
                        try st.upsertNode.run()
                    case .createRelationship(let r, let type, let source, let target, let props):
                        st.upsertRelationship.bind(1, Int(r.rawValue))
                        st.upsertRelationship.bind(2, Int(type.rawValue))
                        st.upsertRelationship.bind(3, Int(source.rawValue))
                        st.upsertRelationship.bind(4, Int(target.rawValue))
                        st.upsertRelationship.bind(5, PropertyCodec.encode(props))
                        try st.upsertRelationship.run()
                    case .deleteNode(let n), .setNodeProperty(let n, _, _), .addLabel(let n, _), .removeLabel(let n, _):
                        touchedNodes.insert(n.rawValue)
                    case .deleteRelationship(let r), .setRelationshipProperty(let r, _, _):
                        touchedRels.insert(r.rawValue)
                    case .createConstraint(let name, let label, let key):
                        st.insertConstraint.bind(1, name)
                        st.insertConstraint.bind(2, Int(label.rawValue))
                        st.insertConstraint.bind(3, Int(key.rawValue))
                        try st.insertConstraint.run()
                    case .dropConstraint(let name):
                        st.deleteConstraint.bind(1, name)
                        try st.deleteConstraint.run()
                    case .createIndex(let name, let kind, let label, let key):
                        st.insertIndex.bind(1, name)
                        st.insertIndex.bind(2, Int(kind.rawValue))
                        st.insertIndex.bind(3, Int(label.rawValue))
                        st.insertIndex.bind(4, Int(key.rawValue))
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
                        st.upsertNode.bind(1, Int(n))
                        st.upsertNode.bind(2, PropertyCodec.encode(labels: s.labels(of: node)))
                        st.upsertNode.bind(3, PropertyCodec.encode(s.properties(of: node)))
                        try st.upsertNode.run()
                    } else {
                        st.deleteNode.bind(1, Int(n))
                        try st.deleteNode.run()
                    }
                }
                for r in touchedRels.sorted() {
                    let rel = RelationshipID(r)
                    if s.contains(rel) {
                        st.upsertRelationship.bind(1, Int(r))
                        st.upsertRelationship.bind(2, Int(s.type(of: rel).rawValue))
                        st.upsertRelationship.bind(3, Int(s.source(of: rel).rawValue))
                        st.upsertRelationship.bind(4, Int(s.target(of: rel).rawValue))
                        st.upsertRelationship.bind(5, PropertyCodec.encode(s.properties(of: rel)))
                        try st.upsertRelationship.run()
                    } else {
                        st.deleteRelationship.bind(1, Int(r))
                        try st.deleteRelationship.run()
                    }
                }
                for (key, value) in [
                    ("node_count", s.nodeCount), ("relationship_count", s.relationshipCount),
                    ("node_id_limit", s.nodeIDLimit), ("relationship_id_limit", s.relationshipIDLimit),
                ] {
                    st.setMeta.bind(1, key)
                    st.setMeta.bind(2, String(value))
                    try st.setMeta.run()
                }
                let seq = state.lastSequence + 1
                var now = timespec()
                clock_gettime(CLOCK_REALTIME, &now)
                st.appendLog.bind(1, seq)
                st.appendLog.bind(2, Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec / 1_000_000))
                st.appendLog.bind(3, txn.mutations.count)
                st.appendLog.bind(4, MutationCodec.encode(txn.mutations))
                try st.appendLog.run()
                try db.execute("COMMIT")
                state.lastSequence = seq
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

    // MARK: - Load

    /// Reads the stored graph into a new snapshot.
    /// - Throws: `corrupt` when the file is damaged or its rows contradict each other (a count,
    ///   an id order, a dangling relationship); never a silent partial load.
    public func load() throws(PersistenceError) -> GraphSnapshot {
        try state.withLock { (state) throws(PersistenceError) -> GraphSnapshot in
            let db = state.db
            let path = databasePath
            func corrupt(_ why: String) -> PersistenceError { PersistenceError(.corrupt, file: path, why) }
            let store = GraphStore()
            do {
                try store.write { txn in
                    let tokens = try db.prepare("SELECT kind, id, name FROM tokens ORDER BY kind, id")
                    while try tokens.step() {
                        guard let kind = GraphMutation.TokenKind(rawValue: UInt8(clamping: tokens.int(0))) else {
                            throw corrupt("unknown token kind \(tokens.int(0))")
                        }
                        do {
                            try txn.restoreToken(kind, id: UInt32(clamping: tokens.int(1)), name: tokens.text(2))
                        } catch let e as GraphStoreError { throw corrupt("tokens: \(e.message)") }
                    }
                    let nodes = try db.prepare("SELECT id, labels, properties FROM nodes ORDER BY id")
                    while try nodes.step() {
                        let id = nodes.int(0)
                        guard id >= 0 && id < Int64(UInt32.max) else { throw corrupt("node id \(id) out of range") }
                        let labels = try nodes.withBlob(1) { b throws(PersistenceError) in
                            var r = ByteReader(b)
                            do { return try PropertyCodec.decodeLabels(&r) } catch { throw corrupt("node \(id): malformed labels") }
                        }
                        let props = try nodes.withBlob(2) { b throws(PersistenceError) in
                            var r = ByteReader(b)
                            do { return try PropertyCodec.decodeMap(&r) } catch { throw corrupt("node \(id): malformed properties") }
                        }
                        do {
                            try txn.restoreNode(NodeID(UInt32(id)), labels: labels, properties: props)
                        } catch let e as GraphStoreError { throw corrupt("node \(id): \(e.message)") }
                    }
                    let constraints = try db.prepare("SELECT name, label, key FROM constraints ORDER BY name")
                    while try constraints.step() {
                        let name = constraints.text(0)
                        let label = Int(constraints.int(1))
                        let key = Int(constraints.int(2))
                        let catalog = txn.snapshot.catalog
                        guard label < catalog.labelNames.count, key < catalog.keyNames.count else {
                            throw corrupt("constraint \(name) names an unknown label or key")
                        }
                        do {
                            try txn.restoreConstraint(name: name, label: catalog.labelNames[label], key: catalog.keyNames[key])
                        } catch let e as GraphStoreError { throw corrupt("constraint \(name): \(e.message)") }
                    }
                    let indexes = try db.prepare("SELECT name, kind, label, key FROM property_indexes ORDER BY name")
                    while try indexes.step() {
                        let name = indexes.text(0)
                        let label = Int(indexes.int(2))
                        let key = Int(indexes.int(3))
                        let catalog = txn.snapshot.catalog
                        guard let kind = UInt8(exactly: indexes.int(1)).flatMap(PropertyIndex.Kind.init(rawValue:)),
                            label < catalog.labelNames.count, key < catalog.keyNames.count
                        else { throw corrupt("index \(name) has an unknown kind, label or key") }
                        do {
                            try txn.restorePropertyIndex(
                                name: name, kind: kind, label: catalog.labelNames[label], key: catalog.keyNames[key])
                        } catch let e as GraphStoreError { throw corrupt("index \(name): \(e.message)") }
                    }
                    var batch: [(id: RelationshipID, relationship: NewRelationship)] = []
                    let typeCount = txn.snapshot.catalog.typeNames.count
                    let rels = try db.prepare("SELECT id, type, source, target, properties FROM relationships ORDER BY id")
                    while try rels.step() {
                        let id = rels.int(0)
                        let type = rels.int(1)
                        guard id >= 0 && id < Int64(UInt32.max), type >= 0 && type < typeCount else {
                            throw corrupt("relationship \(id): bad id or type")
                        }
                        let props = try rels.withBlob(4) { b throws(PersistenceError) in
                            var r = ByteReader(b)
                            do { return try PropertyCodec.decodeMap(&r) } catch {
                                throw corrupt("relationship \(id): malformed properties")
                            }
                        }
                        batch.append((RelationshipID(UInt32(id)), NewRelationship(
                            source: NodeID(UInt32(clamping: rels.int(2))), target: NodeID(UInt32(clamping: rels.int(3))),
                            type: RelationshipTypeID(UInt16(type)), properties: props)))
                    }
                    do { try txn.restoreRelationships(batch) } catch let e as GraphStoreError { throw corrupt("relationships: \(e.message)") }
                    let nodeLimit = Int(try db.scalarText("SELECT value FROM meta WHERE key = 'node_id_limit'") ?? "0") ?? 0
                    let relLimit = Int(try db.scalarText("SELECT value FROM meta WHERE key = 'relationship_id_limit'") ?? "0") ?? 0
                    txn.restoreIDLimits(nodes: nodeLimit, relationships: relLimit)
                    txn.compactAll()
                }
            } catch let e as PersistenceError {
                throw e
            } catch {
                throw corrupt("\(error)")
            }
            let s = store.snapshot
            let nodeCount = Int(try db.scalarText("SELECT value FROM meta WHERE key = 'node_count'") ?? "") ?? -1
            let relCount = Int(try db.scalarText("SELECT value FROM meta WHERE key = 'relationship_count'") ?? "") ?? -1
            guard nodeCount == s.nodeCount, relCount == s.relationshipCount else {
                throw corrupt(
                    "the file records \(nodeCount) nodes and \(relCount) relationships but holds \(s.nodeCount) and \(s.relationshipCount)")
            }
            return s
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
    public func integrityCheck() throws(PersistenceError) -> [String] {
        try state.withLock { (state) throws(PersistenceError) -> [String] in
            let s = try state.db.prepare("PRAGMA integrity_check")
            var problems: [String] = []
            while try s.step() {
                let line = s.text(0)
                if line != "ok" { problems.append(line) }
            }
            return problems
        }
    }

    /// Mutation-log entries after `sequence`, in order, at most `limit`.
    public func mutations(after sequence: Int64, limit: Int) throws(PersistenceError) -> [(sequence: Int64, mutations: [GraphMutation])] {
        try state.withLock { (state) throws(PersistenceError) in
            let s = try state.db.prepare("SELECT seq, payload FROM mutation_log WHERE seq > ? ORDER BY seq LIMIT ?")
            s.bind(1, sequence)
            s.bind(2, limit)
            var out: [(Int64, [GraphMutation])] = []
            while try s.step() {
                let seq = s.int(0)
                let bytes = s.withBlob(1) { Array($0) }
                guard let m = MutationCodec.decode(bytes) else {
                    throw PersistenceError(.corrupt, file: databasePath, "mutation-log entry \(seq) is malformed")
                }
                out.append((seq, m))
            }
            return out
        }
    }
}
