public import Access
import CypherRuntime
import Engine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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

    // MARK: Admission control (see `QueryAdmission`)

    /// Slots of the light lane: statements start here (default: twice the cores, at least 4).
    public var lightWorkers = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)
    /// Slots of the heavy lane: statements that ran longer than `heavyQueryAfter` (default: the cores).
    public var heavyWorkers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Statements in flight beyond the two lanes' slots before requests get 503 with `Retry-After`.
    public var maxQueuedQueries = 256
    /// When a running statement counts as heavy.
    public var heavyQueryAfter: Duration = .milliseconds(200)

    // MARK: Memory

    /// The memory one statement may hold (values and intermediate rows, estimated).
    public var queryMemoryBytes = QueryLimits.defaultMemoryBytes
    /// The memory all running statements together may hold (default: a quarter of physical memory, at least
    /// 1 GiB).
    public var queryMemoryPoolBytes = max(1 << 30, Int(clamping: ProcessInfo.processInfo.physicalMemory / 4))

    // MARK: Browsers and connections

    /// Origins (`https://app.example.com`) whose pages may call the server: they get CORS headers and may
    /// write. Empty (the default): CORS is off and only the server's own origin may write from a browser.
    public var allowedOrigins: [String] = []
    /// A connection with no request in progress for this long is closed; so is one that has sent part of a
    /// request head and nothing more.
    public var idleTimeout: Duration = .seconds(30)
    /// The longest a request body may take to arrive.
    public var bodyTimeout: Duration = .seconds(30)
    /// The most connections open at once; further ones wait in the listen backlog (default: three quarters
    /// of the process's descriptor limit, at most 10,000).
    public var maxConnections = ServerConfiguration.defaultMaxConnections

    static var defaultMaxConnections: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1000 }
        let soft = Int(clamping: min(limit.rlim_cur, 1 << 20))
        return max(16, min(10_000, soft * 3 / 4))
    }

    /// More lines for `/metrics` in the Prometheus text format (the Neo4j mirror's, when `serve --mirror-to` runs one).
    public var extraMetrics: (@Sendable () -> String)?

    /// Users, roles, API keys and the audit log. Nil (the default, explicit so that in-process routers stay
    /// open): no authentication at all. `ignitabull serve` passes one unless given `--no-auth`.
    public var access: AccessControl? = nil
    /// Where `POST /db/{db}/backup` writes online backups (each into a new directory named by the server);
    /// nil: the route answers 404.
    public var backupDirectory: String? = nil

    public init() {}
}
