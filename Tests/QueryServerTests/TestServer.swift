import Engine
import GraphStore
import Hummingbird
import HummingbirdTesting
import Logging
import HTTPTypes
import QueryServer

/// One response, with its body parsed as JSON when it is JSON.
struct TestResponse {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String
    var json: JSON { (try? JSONParser.parse(text)) ?? .null }
}

/// Drives the router in-process: `send` runs requests in order against one application.
struct TestServer {
    let database: Database
    var configuration = ServerConfiguration()

    init(database: Database = Database(), configuration: ServerConfiguration = ServerConfiguration()) {
        self.database = database
        self.configuration = configuration
    }

    func run(_ body: @Sendable (TestClient) async throws -> Void) async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let app = Application(router: QueryServer.router(database: database, configuration: configuration), logger: logger)
        try await app.test(.router) { client in try await body(TestClient(client: client)) }
    }
}

struct TestClient: Sendable {
    let client: any TestClientProtocol

    func request(
        _ method: HTTPRequest.Method, _ path: String, body: String? = nil, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var h = headers
        if body != nil, h[.contentType] == nil { h[.contentType] = "application/json" }
        return try await client.execute(
            uri: path, method: method, headers: h, body: body.map { ByteBuffer(string: $0) }
        ) { response in
            TestResponse(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
    }

    func post(_ path: String, _ body: String) async throws -> TestResponse { try await request(.post, path, body: body) }
    func get(_ path: String) async throws -> TestResponse { try await request(.get, path) }
}
