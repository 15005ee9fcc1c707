import CurlClient

/// A Neo4j server (or anything speaking its HTTP transaction API, such as `ignitabull serve`):
/// each call is one `POST {url}/db/{database}/tx/commit`, with basic authentication, through one
/// keep-alive `CurlSession` (gzip, TLS for https, timeouts from libcurl).
public final class Neo4jHTTPTarget: MirrorTarget {
    public let url: String
    public let database: String
    private let credentials: (user: String, password: String)?
    private let timeoutSeconds: Int
    private let session = CurlSession()

    /// - Parameters:
    ///   - url: the server's base URL, `http://host:7474` (a trailing slash is dropped).
    ///   - user, password: for basic authentication; nil user sends none.
    ///   - timeoutSeconds: the limit of one request; an expired request is retried (its outcome is unknown).
    public init(url: String, database: String = "neo4j", user: String? = nil, password: String = "", timeoutSeconds: Int = 60)
        throws(MirrorError)
    {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        guard base.hasPrefix("http://") || base.hasPrefix("https://"), base.count > 8 else {
            throw MirrorError(.configuration, "not an http(s) URL: `\(url)`")
        }
        guard !database.isEmpty, database.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw MirrorError(.configuration, "not a database name: `\(database)`")
        }
        self.url = base
        self.database = database
        credentials = user.map { ($0, password) }
        self.timeoutSeconds = timeoutSeconds
    }

    /// The endpoint requests go to.
    public var endpoint: String { "\(url)/db/\(database)/tx/commit" }

    public func run(_ statements: [MirrorStatement]) throws(MirrorError) {
        let request = CurlRequest(
            method: "POST", url: endpoint,
            headers: [("Content-Type", "application/json"), ("Accept", "application/json")],
            body: MirrorJSON.body(statements), basicAuth: credentials, timeoutSeconds: timeoutSeconds)
        let response: CurlResponse
        do {
            response = try session.perform(request)
        } catch {
            // Connect failures, resets, timeouts: the transaction may or may not have committed.
            throw MirrorError(.transport, "\(endpoint): \(error.message)", transient: error.code != .badURL)
        }
        try Neo4jResponse.check(status: response.status, body: response.body, endpoint: endpoint)
    }
}
