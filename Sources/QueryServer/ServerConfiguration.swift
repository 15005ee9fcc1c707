import Engine

/// Limits and settings of the HTTP server.
public struct ServerConfiguration: Sendable {
    /// The largest request body accepted, in bytes; larger bodies get 413 `PayloadTooLarge`.
    public var maxBodyBytes: Int = 10 << 20
    /// The longest Cypher query text accepted, in bytes; longer ones get 400 `QueryTooLong`.
    public var maxQueryBytes: Int = 1 << 20
    /// The wall-clock budget of one Cypher statement.
    public var queryTimeLimit: Duration = .seconds(30)
    /// How long an explicit transaction of the Neo4j HTTP API may stay idle before it is rolled back.
    /// Each request on the transaction starts the count again.
    public var transactionTimeout: Duration = .seconds(60)
    /// The most explicit transactions open at once.
    public var maxOpenTransactions: Int = 1000
    /// Where the MiniLM model files are (for text search); nil means the default model cache.
    public var modelDirectory: String?
    /// The most bytes of answers the recommendation routes keep for repeated requests (0: none).
    /// An answer is reused only while the graph, the recommender model and the vector indexes are
    /// as they were when it was computed.
    public var responseCacheBytes: Int = 64 << 20
    /// The version the discovery document reports as `neo4j_version`, for clients that check it.
    public var reportedNeo4jVersion = EngineInfo.neo4jCompatibility

    public init() {}
}
