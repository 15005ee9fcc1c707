public import CypherRuntime
public import GraphImport
public import GraphStore
public import Persistence
public import Recommend
public import VectorIndex
import CMemory
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
    /// The recommender model cache (built in the background, rebuilt in the background after writes
    /// once the model is a second old and three build-durations have passed; histories, deletions and
    /// the catalogue filters are always read live).
    public let recommenderCache = RecommenderCache()
    /// The procedures `CALL` can run, by name, and the table queries read (rebuilt when one is registered).
    private let registry = Mutex<(registered: [String: Procedure], table: ProcedureRegistry)>(([:], .builtIn))
    /// Statements already parsed and planned, shared by every way a query arrives (in process, HTTP, Bolt).
    public let planCache = PlanCache()
    /// The work budget of a query and the setting that raises it (see `setWorkBudget(_:setting:)`).
    let budget = Mutex<(units: Int, setting: String?)>((Database.defaultWorkBudget, nil))

    /// An in-memory database.
    public init() {
        let indexes = VectorIndexes(storage: nil)
        vectorIndexes = indexes
        graph = GraphStore(GraphSnapshot(), onCommit: { txn in indexes.apply(txn) })
        storage = nil
        registerBuiltIns()
    }

    /// Opens the data directory at `directory` and loads its graph and its vector indexes (from
    /// their files, catching up with the log; an index whose file is missing or damaged is
    /// rebuilt from the graph and listed in `warnings`).
    ///
    /// With `create` (the default), a missing directory or database file is made; with
    /// `create: false` both must exist, so that a mistyped path or a deleted or empty
    /// `graph.sqlite` is an error, not a new empty database.
    /// - Throws: `PersistenceError` when the directory is missing (without `create`), locked by
    ///   another process, or a file is damaged (naming the file and the row).
    public init(directory: String, create: Bool = true) throws {
        let storage = try GraphStorage(directory: directory, create: create)
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
        // The load's working sets (SQLite's page cache, the adjacency builds' arrays) are freed by now; hand
        // their pages back rather than keep them resident.
        try storage.releaseCache()
        _ = ign_release_free_memory()
    }

    private func registerBuiltIns() {
        for p in builtInProcedures { register(p) }
    }

    /// Adds (or replaces) a procedure that Cypher's `CALL` can run on this database.
    public func register(_ procedure: Procedure) {
        registry.withLock {
            $0.registered[procedure.name] = procedure
            $0.table = ProcedureRegistry(Array($0.registered.values))
        }
        planCache.removeAll()
    }

    /// The registered procedures.
    public var procedures: [Procedure] {
        registry.withLock { Array($0.registered.values) }.sorted { $0.name < $1.name }
    }

    /// The procedures a query on this database can call (the built-ins and the registered ones).
    public var procedureRegistry: ProcedureRegistry { registry.withLock { $0.table } }

    /// Creates an IVF-flat cosine index over the `property` vectors of `label` nodes and saves it with
    /// the data. The label may have no vectors yet; the index fills as they are written. Below
    /// `IVFFlatIndex.exactSearchThreshold` vectors it is searched exactly; from there it is trained
    /// (`lists` lists, default rows / 1000) and calibrated to meet `recallTarget` (default 0.95).
    @discardableResult
    public func createVectorIndex(
        name: String, label: String, property: String, dimensions: Int, lists: Int? = nil,
        recallTarget: Double = SearchPolicy.defaultRecallTarget, quantization: Bool = true
    ) throws -> VectorIndexes.Entry {
        try vectorIndexes.create(
            name: name, label: label, property: property, dimensions: dimensions,
            policy: SearchPolicy(recallTarget: recallTarget, quantization: quantization, lists: lists), graph: graph)
    }

    /// Drops a vector index and its file.
    public func dropVectorIndex(name: String) throws { try vectorIndexes.drop(name: name) }

    /// The `k` nodes whose indexed vectors are most cosine-similar to `vector`, best first, with exact
    /// cosine scores (re-ranked on the nodes' stored float32 vectors). With neither `probes` nor
    /// `options`, the index's recall target applies.
    public func similarNodes(
        index name: String, to vector: [Float], k: Int, probes: Int? = nil, options: SearchOptions? = nil,
        filter: SearchFilter? = nil
    ) throws -> [(node: NodeID, score: Float)] {
        guard let e = vectorIndexes.index(named: name) else {
            throw VectorIndexError(.invalidParameter, "no vector index named `\(name)`")
        }
        var o = options ?? SearchOptions()
        if let probes { o.probes = probes }
        return try e.search(vector, k: k, options: o, filter: filter, snapshot: graph.snapshot).map { (NodeID($0.id), $0.score) }
    }

    /// Runs a Cypher query. A query that writes runs in one transaction, made durable (with a data
    /// directory) before it returns; a read runs on the current snapshot. Schema commands (constraints,
    /// vector indexes, SHOW CONSTRAINTS / INDEXES) run too, each in its own write.
    /// - Throws: `CypherSyntaxError` (with line and column) or `CypherRuntimeError`; nothing is changed then.
    public func query(
        _ text: String, parameters: [String: Value] = [:], timeLimit: Duration? = .seconds(30)
    ) throws -> QueryResult {
        try CypherEngine.execute(
            text, parameters: parameters, procedures: procedureRegistry, on: graph,
            vectorIndexes: DatabaseVectorCatalog(database: self), limits: limits(timeLimit: timeLimit),
            planCache: planCache)
    }

    /// Runs a Cypher query under `limits` (work budget, time limit, memory limit and pool, cancellation,
    /// slow-query hook); see `query(_:parameters:timeLimit:)`.
    public func query(_ text: String, parameters: [String: Value] = [:], limits: QueryLimits) throws -> QueryResult {
        try CypherEngine.execute(
            text, parameters: parameters, procedures: procedureRegistry, on: graph,
            vectorIndexes: DatabaseVectorCatalog(database: self), limits: limits, planCache: planCache)
    }

    /// Runs a Cypher query inside an explicit transaction under `limits` (see `query(_:parameters:in:timeLimit:)`).
    public func query(
        _ text: String, parameters: [String: Value] = [:], in txn: inout GraphTransaction, limits: QueryLimits
    ) throws -> QueryResult {
        try allowingSchemaCommand(in: &txn) { txn in
            try underWriteLease(&txn, limits: limits) { txn in
                try CypherEngine.execute(
                    text, parameters: parameters, procedures: procedureRegistry, in: &txn,
                    vectorIndexes: DatabaseVectorCatalog(database: self), limits: limits, planCache: planCache)
            }
        } alone: {
            try query(text, parameters: parameters, limits: limits)
        }
    }

    /// Starts an explicit transaction (for multi-statement transactions such as Neo4j's HTTP API).
    /// Run queries in it with `query(_:parameters:in:timeLimit:)`, then `commit(_:)` it, or drop it to roll back.
    public func beginTransaction() -> GraphTransaction { graph.begin() }

    /// Runs a Cypher query inside an explicit transaction; its writes stay there until `commit(_:)`.
    /// A query that fails leaves `txn` as it was.
    ///
    /// The transaction's first write takes the store's write lease (waiting while another open transaction
    /// holds it), so that no other write can commit before this one and make it outdated. If another write
    /// committed after the transaction began, the statement runs again on the latest version: the
    /// transaction had written nothing yet, and its earlier reads stand, as under Neo4j's read-committed
    /// isolation. Writers of disjoint data therefore wait for each other instead of failing.
    public func query(
        _ text: String, parameters: [String: Value] = [:], in txn: inout GraphTransaction,
        timeLimit: Duration? = .seconds(30)
    ) throws -> QueryResult {
        try query(text, parameters: parameters, in: &txn, limits: limits(timeLimit: timeLimit))
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
        guard let c = s.lookup(label: "Customer", text: customerID),
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

    /// What opening the database found damaged and mended (a vector index rebuilt from the graph).
    public var warnings: [String] { vectorIndexes.repairs }

    /// Checks everything stored: opening already verified every graph row's checksum and every
    /// reference (tokens, relationship ends, constraints); this adds SQLite's integrity check of
    /// every page, the mutation log and index definitions (`GraphStorage.verify()`), the graph's
    /// invariants, each vector index against the graph, and any repair made when opening.
    /// - Returns: the problems found; empty when all is well.
    public func check() throws -> [String] {
        var problems = try storage?.verify() ?? []
        problems += graph.snapshot.checkInvariants().map { "graph: \($0)" }
        problems += vectorIndexes.repairs.map { "repaired on open: \($0)" }
        // Under the writer lock, so a commit cannot be half applied to the indexes while they are compared
        // (the check also runs on a live server). The body writes nothing, so nothing is published.
        problems += try graph.write { txn in vectorIndexes.verify(snapshot: txn.snapshot) }
        return problems
    }
}
