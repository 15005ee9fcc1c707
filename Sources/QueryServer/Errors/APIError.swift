public import HTTPTypes
public import Hummingbird

/// A client or server error, sent as `{"code": …, "message": …}` (plus any `details`) with its HTTP
/// status. Domain modules never see HTTP: routes map their errors to this type at the edge.
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    /// More fields of the body, after `code` and `message` (a syntax error's `line` and `column`,
    /// a bulk request's per-item `errors`).
    public let details: [(String, JSON)]
    /// Headers of the response (`Retry-After` on 503).
    public let headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, code: String, _ message: String, details: [(String, JSON)] = [],
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    static func notFound(_ what: String) -> APIError { APIError(.notFound, code: "NotFound", what) }
    static func badRequest(_ why: String) -> APIError { APIError(.badRequest, code: "BadRequest", why) }

    /// The database named in the path does not exist (or the caller may not see it): Neo4j's code, in the
    /// REST body and in the Neo4j API's `errors` array. The name is echoed only when it is printable.
    static func databaseNotFound(_ name: String) -> APIError {
        let shown = name.utf8.count <= 80 && name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } ? name : "(not printable)"
        let code = "Neo.ClientError.Database.DatabaseNotFound"
        let message = "Database does not exist. Database name: '\(shown)'."
        return APIError(.notFound, code: code, message, details: [("errors", .array([["code": .string(code), "message": .string(message)]]))])
    }

    /// The JSON body.
    public var body: JSON { .object([("code", .string(code)), ("message", .string(message))] + details) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = body.response(status: status)
        for field in headers { response.headers.append(field) }
        return response
    }
}
