import HTTPTypes
import CypherRuntime
import Hummingbird

extension Request {
    /// The whole body, refused with 413 `PayloadTooLarge` when it exceeds `limit` bytes.
    mutating func bodyBytes(limit: Int) async throws(APIError) -> [UInt8] {
        let tooLarge = APIError(
            .contentTooLarge, code: "PayloadTooLarge", "the request body is larger than the limit of \(limit) bytes")
        if let declared = headers[.contentLength].flatMap({ Int($0) }), declared > limit { throw tooLarge }
        do {
            let buffer = try await body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch let e as any HTTPResponseError where e.status == .contentTooLarge {
            throw tooLarge
        } catch {
            throw APIError(.badRequest, code: "BadRequest", "cannot read the request body: \(error)")
        }
    }

    /// The body parsed as one JSON document; 400 `InvalidJSON` when it is not JSON.
    mutating func jsonBody(limit: Int) async throws(APIError) -> JSON {
        let bytes = try await bodyBytes(limit: limit)
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw APIError(.badRequest, code: "InvalidJSON", "the request body is not valid JSON: \(error)")
        }
    }
}

extension JSON {
    /// Query parameters: an object (or absent/null), as Cypher values.
    func parameters(_ field: String) throws(APIError) -> [String: CypherValue] {
        switch self[field] {
        case nil, .null?: return [:]
        case .object(let pairs)?: return Dictionary(pairs.map { ($0.0, $0.1.cypherValue) }, uniquingKeysWith: { $1 })
        case let other?: throw APIError.badRequest("`\(field)` must be an object, not \(other.typeName)")
        }
    }
}
