public import CypherRuntime
public import GraphImport
public import GraphStore
public import Persistence
public import Recommend
public import VectorIndex
import Synchronization

/// The engine's façade: one graph, optionally durable, and the operations the CLI and the server call.
///
/// `Database()` lives in memory. `Database(directory:)` opens (or creates) a data directory: it
/// loads the stored graph and makes every later write durable before it becomes visible, so an
/// acknowledged write (a `write` that returned) survives a crash.
public final class Database: Sendable {
    /// The property graph.
    public let graph: GraphStore
    /// The durable storage, when the database has a data directory.
    public let storage: GraphStorage?
    /// The vector indexes over node properties.
    public let vectorIndexes: VectorIndexes
    /// The recommender model cache (built on first use, refreshed after writes at most once a
    /// minute; histories are always read live).
    public let recommenderCache = RecommenderCache()
    /// The procedures `CALL` can run, by name.
    private let registry = Mutex<[String: Procedure]>([:])

    /// An in-memory database.
    public init() {
        let indexes = VectorIndexes(storage: nil)
        vectorIndexes = indexes
        graph = GraphStore(GraphSnapshot(), onCommit: { txn in indexes.apply(txn) })
        storage = nil
        registerBuiltIns()
    }

    /// Opens the data directory at `directory`, creating it if needed, and loads its graph and
    /// its vector indexes (from their files, catching up with the log; never retrained here).
    /// - Throws: `PersistenceError` when the directory is locked by another process, or a file is damaged.
    public init(directory: String) throws {
        let storage = try GraphStorage(directory: directory)
        let snapshot = try storage.load()
        let indexes = VectorIndexes(storage: storage)
        try indexes.open(snapshot: snapshot)
        self.storage = storage
        vectorIndexes = indexes
        graph = GraphStore(snapshot, onCommit: { txn in
            try storage.commit(txn)
            indexes.apply(txn)
        })
        registerBuiltIns()
        attachModelSelectionStorage()
    }

    private func registerBuiltIns() {
        for p in builtInProcedures { register(p) }
    }

    /// Adds (or replaces) a procedure that Cypher's `CALL` can run on this database.
    public func register(_ procedure: Procedure) {
        registry.withLock { $0[procedure.name] = procedure }
    }

    /// The registered procedures.
    public var procedures: [Procedure] {
        registry.withLock { Array($0.values) }.sorted { $0.name < $1.name }
    }

    /// Creates an IVF-flat cosine index over the `property` vectors of `label` nodes, trained
    /// now with `lists` lists (default: rows / 1000, at least 1) and saved with the data.
    @discardableResult
    public func createVectorIndex(
        name: String, label: String, property: String, dimensions: Int, lists: Int? = nil
    ) throws -> VectorIndexes.Entry {
        try vectorIndexes.create(
            name: name, label: label, property: property, dimensions: dimensions, lists: lists, snapshot: graph.snapshot)
    }

    /// Drops a vector index and its file.
    public func dropVectorIndex(name: String) throws { try vectorIndexes.drop(name: name) }

    /// The `k` nodes whose indexed vectors are most cosine-similar to `vector`, best first.
    public func similarNodes(
        index name: String, to vector: [Float], k: Int, probes: Int? = nil, filter: SearchFilter? = nil
    ) throws -> [(node: NodeID, score: Float)] {
        guard let e = vectorIndexes.index(named: name) else {
            throw VectorIndexError(.invalidParameter, "no vector index named `\(name)`")
        }
        return try e.index.search(vector, k: k, probes: probes, filter: filter).map { (NodeID($0.id), $0.score) }
    }

    /// Runs a Cypher query. A query that writes runs in one transaction, made durable (with a data
    /// directory) before it returns; a read runs on the current snapshot. Schema commands (constraints,
    /// vector indexes, SHOW CONSTRAINTS / INDEXES) run too, each in its own write.
    /// - Throws: `CypherSyntaxError` (with line and column) or `CypherRuntimeError`; nothing is changed then.
    public func query(
        _ text: String, parameters: [String: Value] = [:], timeLimit: Duration? = .seconds(30)
    ) throws -> QueryResult {
        try CypherEngine.execute(
            text, parameters: parameters, procedures: procedures, on: graph,
            vectorIndexes: DatabaseVectorCatalog(database: self), timeLimit: timeLimit)
    }

    /// Starts an explicit transaction (for multi-statement transactions such as Neo4j's HTTP API).
    /// Run queries in it with `query(_:parameters:in:timeLimit:)`, then `commit(_:)` it, or drop it to roll back.
    public func beginTransaction() -> GraphTransaction { graph.begin() }

    /// Runs a Cypher query inside an explicit transaction; its writes stay there until `commit(_:)`.
    /// A query that fails leaves `txn` as it was.
    public func query(
        _ text: String, parameters: [String: Value] = [:], in txn: inout GraphTransaction,
        timeLimit: Duration? = .seconds(30)
    ) throws -> QueryResult {
        try CypherEngine.execute(text, parameters: parameters, procedures: procedures, in: &txn, timeLimit: timeLimit)
    }

    /// Commits an explicit transaction: durable (with a data directory) before it returns.
    /// - Throws: `GraphStoreError` with code `transactionConflict` when another write committed after it
    ///   began (nothing is applied; retry the transaction), or a storage error.
    public func commit(_ txn: GraphTransaction) throws { try graph.commit(txn) }

    /// Imports the UCI Online Retail file (plain or gzip) in one transaction: all or nothing.
    public func importOnlineRetail(
        path: String, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> OnlineRetailReport {
        try graph.write { txn in try OnlineRetailImporter.run(path: path, into: &txn, progress: progress) }
    }

    /// Imports neo4j-admin style CSV files in one transaction: all or nothing.
    public func importCSV(
        nodes: [NodeFile], relationships: [RelationshipFile], importer: Neo4jAdminImporter = Neo4jAdminImporter(),
        progress: (@Sendable (String, Int, Int) -> Void)? = nil
    ) throws -> CSVImportReport {
        try graph.write { txn in try importer.run(nodes: nodes, relationships: relationships, into: &txn, progress: progress) }
    }

    /// Generates a synthetic recommendation graph in one transaction.
    public func generate(
        _ config: SyntheticGraphConfig, progress: (@Sendable (String) -> Void)? = nil
    ) throws -> WriteStatistics {
        try graph.write { txn in try SyntheticGraphGenerator.run(config, into: &txn, progress: progress) }
    }

    /// Counts, degree distributions and memory of the current graph.
    public func statistics() -> GraphStatistics { graph.snapshot.statistics() }

    /// The products most often bought by the co-buyers of the customer whose `id` is `customerID`.
    /// - Returns: nil when there is no such customer or no `PURCHASED` relationship type.
    public func coPurchases(customerID: String, limit: Int = 10) -> CoPurchase.Result? {
        let s = graph.snapshot
        guard let c = s.lookup(label: "Customer", key: "id", value: .string(customerID)),
            let purchased = s.catalog.relationshipType("PURCHASED")
        else { return nil }
        var counter = CoPurchase(snapshot: s, type: purchased)
        return counter.scores(for: c, limit: limit)
    }

    /// Mines frequently-bought-together pairs from the baskets of `PURCHASED` relationships
    /// (grouped by their `invoice` property) and brings the graph's FREQUENTLY_BOUGHT_WITH
    /// relationships in line with the result, in one durable transaction.
    public func mineFrequentlyBoughtTogether(
        thresholds: MiningThresholds = MiningThresholds()
    ) throws -> (result: FrequentlyBoughtTogether.Result, changes: FrequentlyBoughtTogether.Changes) {
        try graph.write { txn in
            guard let purchased = txn.snapshot.catalog.relationshipType("PURCHASED") else {
                throw GraphStoreError(.relationshipNotFound, "the graph has no PURCHASED relationships to mine")
            }
            let result = FrequentlyBoughtTogether.mine(Baskets(snapshot: txn.snapshot, type: purchased), thresholds: thresholds)
            let changes = try FrequentlyBoughtTogether.apply(result.pairs, to: &txn)
            return (result, changes)
        }
    }

    /// Checks the stored file (SQLite's integrity check) and the in-memory graph's invariants.
    /// - Returns: the problems found; empty when all is well.
    public func check() throws -> [String] {
        var problems = try storage?.integrityCheck().map { "sqlite: \($0)" } ?? []
        problems += graph.snapshot.checkInvariants().map { "graph: \($0)" }
        return problems
    }
}
