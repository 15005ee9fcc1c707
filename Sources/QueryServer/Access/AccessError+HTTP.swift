import Access
import HTTPTypes
import Hummingbird

/// Access errors at the HTTP edge: 401 (with `WWW-Authenticate`), 403, 404 for a database a key may not
/// see, 429 (with `Retry-After`). The body serves both dialects: REST's `{code, message}` and the Neo4j
/// API's `{errors: [{code, message}]}`, with Neo4j's `Neo.ClientError.Security.*` code in both.
extension AccessError {
    var status: HTTPResponse.Status {
        switch code {
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .rateLimited, .limitExceeded: .tooManyRequests
        case .notFound: .notFound
        case .storage: .internalServerError
        default: .badRequest
        }
    }

    /// The error as the REST routes throw it.
    var apiError: APIError {
        var headers: HTTPFields = [:]
        if code == .unauthorized { headers[.wwwAuthenticate] = "Basic realm=\"Neo4j\"" }
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        let entry: JSON = ["code": .string(neo4jCode), "message": .string(message)]
        return APIError(status, code: neo4jCode, message, details: [("errors", .array([entry]))], headers: headers)
    }

    var response: Response {
        var response = apiError.body.response(status: status)
        for field in apiError.headers { response.headers.append(field) }
        return response
    }

    static func databaseHidden(_ name: String) -> AccessError {
        AccessError(.notFound, "Database does not exist. Database name: '\(name)'.")
    }
}
