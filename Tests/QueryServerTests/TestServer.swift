import Engine
import GraphStore
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import QueryServer
import Synchronization

/// One response, with its body parsed as JSON when it is JSON.
struct TestResponse {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String
    var json: JSON { (try? JSONParser.parse(text)) ?? .null }
}

/// Drives the router in-process: `send` runs requests in order against one application.
///
/// The router's responder is called directly with a `Request` built here, so the tests need
/// neither a socket nor a TLS stack (HummingbirdTesting would pull in BoringSSL through its
/// HTTP client, which alone took most of a fresh test build).
struct TestServer {
    /// Every database the server has; `database` is the default one, `neo4j`.
    let databases: Databases
    var configuration = ServerConfiguration()
    var database: Database { databases.defaultDatabase }

    init(database: Database = Database(), configuration: ServerConfiguration = ServerConfiguration()) {
        self.init(databases: Databases(default: database), configuration: configuration)
    }

    init(databases: Databases, configuration: ServerConfiguration = ServerConfiguration()) {
        self.databases = databases
        self.configuration = configuration
    }

    func run(_ body: @Sendable (TestClient) async throws -> Void) async throws {
        let router = QueryServer.router(databases: databases, configuration: configuration)
        try await body(TestClient(responder: router.buildResponder()))
    }
}

struct TestClient: Sendable {
    let responder: RouterResponder<ServerRequestContext>

    func request(
        _ method: HTTPRequest.Method, _ path: String, body: String? = nil, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var h = headers
        if body != nil, h[.contentType] == nil { h[.contentType] = "application/json" }
        if let body { h[.contentLength] = String(body.utf8.count) }
        let request = Request(
            head: HTTPRequest(method: method, scheme: "http", authority: "localhost", path: path, headerFields: h),
            body: RequestBody(buffer: ByteBuffer(string: body ?? "")))
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        // Hummingbird's context reads its request id from this metadata key, as its server sets it.
        logger[metadataKey: "hb.request.id"] = .string(String(UInt64.random(in: 1...UInt64.max), radix: 16))
        let context = ServerRequestContext(
            source: ApplicationRequestContextSource(channel: EmbeddedChannel(), logger: logger))
        let response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            response = Response(status: .internalServerError)
        }
        let writer = CollectingBodyWriter()
        try await response.body.write(writer)
        return TestResponse(status: response.status, headers: response.headers, text: writer.text)
    }

    func post(_ path: String, _ body: String) async throws -> TestResponse { try await request(.post, path, body: body) }
    func get(_ path: String) async throws -> TestResponse { try await request(.get, path) }
}

/// Collects a response body in memory.
private final class CollectingBodyWriter: ResponseBodyWriter, Sendable {
    private let buffer = Mutex(ByteBuffer())

    var text: String { buffer.withLock { String(buffer: $0) } }

    func write(_ chunk: ByteBuffer) async throws {
        _ = buffer.withLock { $0.writeImmutableBuffer(chunk) }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
