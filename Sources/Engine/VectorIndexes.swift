#if canImport(Glibc)
import Glibc
#endif
import CypherRuntime
import GraphStore
public import Persistence
import Synchronization
public import VectorIndex

/// The vector indexes of a database: IVF-flat cosine indexes over a vector property of the nodes
/// with a label, kept in step with graph writes.
///
/// With a data directory, each index is saved to `DIR/indexes/<number>.ivf` (the index's own
/// versioned, checksummed format, written with fsync; the number is handed out by the storage,
/// never derived from the index's name) together with the mutation-log sequence it is current to.
/// On open the file is loaded, not retrained, and only the log entries written after it are
/// replayed into it. A missing or damaged file does not stop the database from opening: the index
/// is rebuilt from the graph and saved again, and `repairs` says so (see `VectorIndexes+Repair`).
public final class VectorIndexes: Sendable {
    /// One index and what it covers.
    public struct Entry: Sendable {
        public let definition: VectorIndexDefinition
        public let index: IVFFlatIndex
    }

    private struct Registry {
        var entries: [String: Entry] = [:]
        /// Indexes being built, by name, with what they cover (their names are taken).
        var pending: [String: (label: String, property: String)] = [:]
    }
    private let entries = Mutex<Registry>(Registry())
    let storage: GraphStorage?
    /// What `open` found damaged and how it was mended, one line each (empty when nothing was).
    let repairLog = Mutex<[String]>([])
    private let changes = Atomic<UInt64>(0)
    /// The last mutation-log entry whose changes every index holds: moved on after a commit has been
    /// applied, never when its log entry is written. A saved file records this, not the log's end:
    /// a commit logged but not yet applied when the file was written would otherwise be marked as in
    /// the file and never replayed, and a SIGKILL then lost its index entries.
    private let appliedSequence = Atomic<Int64>(0)

    /// Moves on after every change to an index's contents or to the set of indexes (it is bumped
    /// once the change is in place), so a result computed from the indexes can be tagged with it.
    public var generation: UInt64 { changes.load(ordering: .acquiring) }

    private func changed() { changes.add(1, ordering: .releasing) }

    init(storage: GraphStorage?) {
        self.storage = storage
    }

    /// The index named `name`.
    public func index(named name: String) -> Entry? { entries.withLock { $0.entries[name] } }

    /// The first index (by name) over `label` nodes, without listing them all.
    public func first(label: String) -> Entry? {
        entries.withLock { r in
            r.entries.values.filter { $0.definition.label == label }.min { $0.definition.name < $1.definition.name }
        }
    }

    /// All indexes, by name.
    public var all: [Entry] {
        entries.withLock { $0.entries.values.sorted { $0.definition.name < $1.definition.name } }
    }

    /// The vector of a property value: a float32 vector, or a list of numbers.
    static func vector(_ v: PropertyValue?) -> [Float]? {
        switch v {
        case .vector(let f): return f
        case .list(let items):
            var out: [Float] = []
            out.reserveCapacity(items.count)
            for x in items {
                guard let d = x.numericValue else { return nil }
                out.append(Float(d))
            }
            return out
        default: return nil
        }
    }

    /// Builds (and with storage saves) a new index over `label`.`property`, usable at once.
    ///
    /// The label may have no vectors yet (schema first): the index then starts empty and fills as vectors
    /// are written, searched exactly until `IVFFlatIndex.exactSearchThreshold` vectors exist, then
    /// trained and calibrated (`IVFFlatIndex.maintain()`).
    ///
    /// The build reads a snapshot without blocking writers; then, holding the graph's writer lock, it
    /// applies whatever changed since that snapshot and registers the index, so a write committed during
    /// the build is never missed. The name is reserved first: of two concurrent creates of one name (or
    /// of one label and property), one fails with `alreadyExists`.
    /// - Throws: `VectorIndexError` for bad vectors or parameters (`alreadyExists` as above),
    ///   `PersistenceError` when saving fails.
    func create(
        name: String, label: String, property: String, dimensions: Int, policy: SearchPolicy, graph: GraphStore
    ) throws -> Entry {
        try TokenName.validate(name, kind: "index")
        try entries.withLock { (r: inout Registry) throws(CypherRuntimeError) in
            let taken = r.entries[name] != nil || r.pending[name] != nil
                || r.entries.values.contains { $0.definition.label == label && $0.definition.property == property }
                || r.pending.values.contains { $0.label == label && $0.property == property }
            if taken {
                throw CypherRuntimeError(
                    .schemaRuleAlreadyExists, "a vector index named `\(name)` or on :\(label)(\(property)) already exists")
            }
            r.pending[name] = (label, property)
        }
        defer { entries.withLock { _ = $0.pending.removeValue(forKey: name) } }
        let index = try IVFFlatIndex(dimension: dimensions, policy: policy)
        let built = graph.snapshot
        var ids: [VectorID] = []
        var flat: [Float] = []
        if let l = built.catalog.label(label), let k = built.catalog.propertyKey(property) {
            try built.forEachNode(label: l) { n in
                guard let v = Self.vector(built.property(n, k)) else { return }
                guard v.count == dimensions else {
                    throw VectorIndexError(
                        .dimensionMismatch, "node \(n.rawValue) has a \(v.count)-d `\(property)`; the index has \(dimensions)")
                }
                ids.append(n.rawValue)
                flat.append(contentsOf: v)
            }
        }
        if !ids.isEmpty {
            try index.train(flat, lists: 1)
            try index.add(ids: ids, vectors: flat)
            try index.maintain()
        }
        let definition = VectorIndexDefinition(
            name: name, label: label, property: property, dimensions: dimensions, lists: index.lists,
            sequence: storage?.lastSequence ?? 0)
        let entry = Entry(definition: definition, index: index)
        try graph.write { txn in
            // Under the writer lock: catch up with what committed since `built`, then register, so that
            // every later commit reaches the index through `apply`.
            Self.reconcile(entry, from: built, to: txn.snapshot)
            entries.withLock { $0.entries[name] = entry }
        }
        changed()
        _ = try? index.maintain()
        do {
            try save(entry)
        } catch {
            entries.withLock { _ = $0.entries.removeValue(forKey: name) }
            changed()
            throw error
        }
        return entry
    }

    /// Brings an index built from `old` up to `new`: every node whose indexed vector differs.
    private static func reconcile(_ e: Entry, from old: GraphSnapshot, to new: GraphSnapshot) {
        guard old.version != new.version else { return }
        let d = e.definition
        func indexed(_ s: GraphSnapshot, _ n: NodeID) -> [Float]? {
            guard s.contains(n), let l = s.catalog.label(d.label), s.hasLabel(n, l),
                let k = s.catalog.propertyKey(d.property), let v = vector(s.property(n, k)), v.count == d.dimensions
            else { return nil }
            return v
        }
        var seen = Set<NodeID>()
        if let l = new.catalog.label(d.label) {
            new.forEachNode(label: l) { n in
                seen.insert(n)
                let v = indexed(new, n)
                if v != indexed(old, n) { set(e.index, n, v) }
            }
        }
        if let l = old.catalog.label(d.label) {
            old.forEachNode(label: l) { n in
                if !seen.contains(n) { e.index.remove(id: n.rawValue) }
            }
        }
    }

    /// Stores `v` under `n` (training a one-list index on the first vector), or removes `n`.
    private static func set(_ index: IVFFlatIndex, _ n: NodeID, _ v: [Float]?) {
        guard let v else {
            index.remove(id: n.rawValue)
            return
        }
        do {
            if !index.isTrained { try index.train(v, lists: 1) }
            try index.upsert(id: n.rawValue, vector: v)
        } catch {
            index.remove(id: n.rawValue)
        }
    }

    /// Writes an index's file and records it as current to the latest log entry.
    func save(_ entry: Entry) throws {
        guard let storage else { return }
        var d = entry.definition
        // Read before the index is written out: everything up to it is already in the index.
        d.sequence = appliedSequence.load(ordering: .acquiring)
        if d.fileID == 0 { d.fileID = try storage.reserveVectorIndexFile() }
        try entry.index.save(to: storage.path(of: d))
        try storage.saveVectorIndex(d)
        entries.withLock { $0.entries[d.name] = Entry(definition: d, index: entry.index) }
    }

    /// Saves every index (a checkpoint: later opens replay less of the log).
    public func checkpoint() throws {
        for e in all { try save(e) }
    }

    /// Drops an index and its file.
    func drop(name: String) throws {
        guard entries.withLock({ $0.entries.removeValue(forKey: name) }) != nil else {
            throw VectorIndexError(.invalidParameter, "no vector index named `\(name)`")
        }
        changed()
        try storage?.dropVectorIndex(named: name)
    }

    /// Loads the stored indexes and replays the log entries written after each file.
    func open(snapshot: GraphSnapshot) throws {
        guard let storage else { return }
        // Nothing commits while the database opens: the snapshot holds the whole log.
        appliedSequence.store(storage.lastSequence, ordering: .releasing)
        for d in try storage.vectorIndexes() {
            let path = storage.path(of: d)
            let index: IVFFlatIndex
            do {
                index = try IVFFlatIndex.load(from: path)
                try requireShape(index, d, path)
            } catch {
                // The graph is the truth: rebuild the index from it rather than refuse to open.
                let why = (error as? VectorIndexError)?.message ?? "\(error)"
                rebuild(d, snapshot: snapshot, because: why)
                continue
            }
            let entry = Entry(definition: d, index: index)
            var after = d.sequence
            do {
                while true {
                    let batch = try storage.mutations(after: after, limit: 256)
                    guard let last = batch.last else { break }
                    for (_, mutations) in batch { apply(mutations, to: entry, snapshot: snapshot) }
                    after = last.sequence
                }
            } catch {
                // A damaged log entry (which `check` reports) cannot be replayed: rebuild instead.
                rebuild(d, snapshot: snapshot, because: "the mutation log after entry \(after) cannot be replayed: \(error)")
                continue
            }
            _ = try? index.maintain()
            entries.withLock { $0.entries[d.name] = entry }
        }
        changed()
    }

    /// Keeps every index in step with a committed transaction. It cannot fail: the transaction is
    /// already durable when this runs, so a vector the index cannot take (zero or non-finite) is
    /// left out of the index rather than failing the write.
    func apply(_ txn: GraphTransaction) {
        for e in all { apply(txn.mutations, to: e, snapshot: txn.snapshot) }
        if let storage { appliedSequence.store(storage.lastSequence, ordering: .releasing) }
    }

    /// Re-derives the indexed vector of every node the mutations touched, from `snapshot`.
    private func apply(_ mutations: [GraphMutation], to e: Entry, snapshot s: GraphSnapshot) {
        var touched = Set<NodeID>()
        for m in mutations {
            switch m {
            case .createNode(let n, _, _), .deleteNode(let n), .setNodeProperty(let n, _, _), .addLabel(let n, _),
                .removeLabel(let n, _):
                touched.insert(n)
            default: break
            }
        }
        guard !touched.isEmpty else { return }
        let label = s.catalog.label(e.definition.label)
        let key = s.catalog.propertyKey(e.definition.property)
        for n in touched.sorted() {
            if let label, let key, s.contains(n), s.hasLabel(n, label), let v = Self.vector(s.property(n, key)),
                v.count == e.definition.dimensions
            {
                Self.set(e.index, n, v)
            } else {
                e.index.remove(id: n.rawValue)
            }
        }
        // Trains when the index outgrows exact search and retrains / recalibrates when it has doubled
        // (amortised over the writes in between); a failure leaves the index as it was.
        _ = try? e.index.maintain()
        changed()
    }
}
