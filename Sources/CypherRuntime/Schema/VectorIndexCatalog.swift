public import GraphStore

/// The vector indexes a database keeps, as the Cypher schema commands see them.
///
/// The runtime does not own vector indexes (the engine does, with their files); it reaches them through this
/// protocol for `CREATE VECTOR INDEX`, `DROP INDEX`, `SHOW INDEXES` and the `SEARCH` subclause.
public protocol VectorIndexCatalog: Sendable {
    /// The indexes, sorted by name.
    func vectorIndexDescriptions() -> [VectorIndexDescription]
    /// Builds a cosine index over the `property` vectors of `label` nodes (there may be none yet).
    /// `options.dimensions` is nil when the query did not give it (the first vector found decides).
    func createVectorIndex(name: String, label: String, property: String, options: VectorIndexOptions) throws
    /// Drops the index named `name`.
    func dropVectorIndex(name: String) throws
    /// The `k` nodes of the index nearest to `query`, best first, with Neo4j's score in [0, 1] ((1 + cos) / 2 for
    /// cosine), for `SEARCH`. With `filter`, only nodes it accepts are returned, and the filter is applied inside
    /// the index's scan (the search goes on until `k` accepted nodes were found or every vector was seen). The
    /// filter is called on the calling thread, during the call only. `candidates`, when given, holds every node
    /// the filter can accept (a property index answered part of it): the catalog may then score those nodes alone
    /// instead of scanning the index. Candidates without a filter are the accepted nodes themselves.
    /// - Throws: `CypherRuntimeError` `indexNotFound` for an unknown name, `vectorDimensionMismatch` for a query of
    ///   another dimension, `invalidArgumentValue` for a zero or non-finite query.
    func searchVectorIndex(
        named name: String, query: [Float], k: Int, filter: ((NodeID) -> Bool)?, candidates: [NodeID]?,
        snapshot: GraphSnapshot
    ) throws -> [VectorSearchHit]
    /// The label of the index named `name`, nil for an unknown name.
    func vectorIndexLabel(named name: String) -> String?
}

/// One result of `VectorIndexCatalog.searchVectorIndex`.
public struct VectorSearchHit: Sendable, Hashable {
    public var node: NodeID
    /// Neo4j's similarity score in [0, 1].
    public var score: Double
    public init(node: NodeID, score: Double) {
        self.node = node
        self.score = score
    }
}

extension VectorIndexCatalog {
    /// A catalog that cannot search (tests' stand-ins): every index is unknown to `SEARCH`.
    public func searchVectorIndex(
        named name: String, query: [Float], k: Int, filter: ((NodeID) -> Bool)?, candidates: [NodeID]?,
        snapshot: GraphSnapshot
    ) throws -> [VectorSearchHit] {
        throw CypherRuntimeError(.indexNotFound, "There is no vector index named `\(name)`")
    }

    public func vectorIndexLabel(named name: String) -> String? {
        vectorIndexDescriptions().first { $0.name == name }?.label
    }
}

/// One vector index, for `SHOW INDEXES`.
public struct VectorIndexDescription: Sendable, Hashable {
    public var name: String
    public var label: String
    public var property: String
    public var dimensions: Int
    public var similarity: String
    public var lists: Int
    public var count: Int
    /// Recall@10 the index calibrates for (`vector.recall_target`).
    public var recallTarget: Double
    /// Whether the 8-bit first pass runs (`vector.quantization.enabled`).
    public var quantization: Bool
    /// `true` while searches scan every vector (small index); then `probes` is nil.
    public var exact: Bool
    /// Probes the calibration gives for `recallTarget` (nil when exact or not yet calibrated).
    public var probes: Int?
    /// Recall@10 the calibration expects at `probes`.
    public var expectedRecall: Double?

    public init(
        name: String, label: String, property: String, dimensions: Int, similarity: String, lists: Int, count: Int,
        recallTarget: Double = 0.95, quantization: Bool = true, exact: Bool = true, probes: Int? = nil,
        expectedRecall: Double? = nil
    ) {
        self.name = name
        self.label = label
        self.property = property
        self.dimensions = dimensions
        self.similarity = similarity
        self.lists = lists
        self.count = count
        self.recallTarget = recallTarget
        self.quantization = quantization
        self.exact = exact
        self.probes = probes
        self.expectedRecall = expectedRecall
    }
}
