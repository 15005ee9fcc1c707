/// The vector indexes a database keeps, as the Cypher schema commands see them.
///
/// The runtime does not own vector indexes (the engine does, with their files); it reaches them through this
/// protocol for `CREATE VECTOR INDEX`, `DROP INDEX` and `SHOW INDEXES`.
public protocol VectorIndexCatalog: Sendable {
    /// The indexes, sorted by name.
    func vectorIndexDescriptions() -> [VectorIndexDescription]
    /// Builds a cosine index over the `property` vectors of `label` nodes, trained on the vectors present now.
    /// `dimensions` is nil when the query did not give it (the first vector found decides).
    func createVectorIndex(name: String, label: String, property: String, dimensions: Int?, lists: Int?) throws
    /// Drops the index named `name`.
    func dropVectorIndex(name: String) throws
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

    public init(
        name: String, label: String, property: String, dimensions: Int, similarity: String, lists: Int, count: Int
    ) {
        self.name = name
        self.label = label
        self.property = property
        self.dimensions = dimensions
        self.similarity = similarity
        self.lists = lists
        self.count = count
    }
}
