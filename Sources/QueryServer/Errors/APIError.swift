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

    /// The database named in the path does not exist.
    static func databaseNotFound(_ name: String) -> APIError {
        APIError(
            .notFound, code: "DatabaseNotFound",
            "database `\(name)` does not exist (this server has `\(QueryServer.defaultDatabase)`)")
    }

    /// The JSON body.
    public var body: JSON { .object([("code", .string(code)), ("message", .string(message))] + details) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = body.response(status: status)
        for field in headers { response.headers.append(field) }
        return response
    }
}
