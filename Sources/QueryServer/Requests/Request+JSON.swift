import HTTPTypes
import CypherRuntime
import Hummingbird

extension Request {
    /// The whole body, refused with 413 `PayloadTooLarge` when it exceeds `limit` bytes.
    /// A body that has not arrived within `timeout` gets 408 `RequestTimeout` (a client trickling bytes).
    mutating func bodyBytes(limit: Int, timeout: Duration = .seconds(30)) async throws(APIError) -> [UInt8] {
        let tooLarge = APIError(
            .contentTooLarge, code: "PayloadTooLarge", "the request body is larger than the limit of \(limit) bytes")
        if let declared = headers[.contentLength].flatMap({ Int($0) }), declared > limit { throw tooLarge }
        let body = self.body
        do {
            let buffer = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
                group.addTask { try await body.collect(upTo: limit) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
            guard let buffer else {
                throw APIError(
                    .requestTimeout, code: "RequestTimeout", "the request body did not arrive within \(timeout)")
            }
            return Array(buffer.readableBytesView)
        } catch let e as APIError {
            throw e
        } catch let e as any HTTPResponseError where e.status == .contentTooLarge {
            throw tooLarge
        } catch {
            throw APIError(.badRequest, code: "BadRequest", "cannot read the request body: \(error)")
        }
    }

    /// The body parsed as one JSON document; 400 `InvalidJSON` when it is not JSON.
    mutating func jsonBody(limit: Int, timeout: Duration = .seconds(30)) async throws(APIError) -> JSON {
        let bytes = try await bodyBytes(limit: limit, timeout: timeout)
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw APIError(.badRequest, code: "InvalidJSON", "the request body is not valid JSON: \(error)")
        }
    }

    /// The body as a JSON object with only `fields`: an empty body is `{}` (a POST that takes the defaults).
    mutating func settings(_ fields: [String], _ configuration: ServerConfiguration) async throws(APIError) -> JSON {
        let bytes = try await bodyBytes(limit: configuration.maxBodyBytes, timeout: configuration.bodyTimeout)
        guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return [:] }
        let json: JSON
        do { json = try JSONParser.parse(bytes) } catch {
            throw APIError(.badRequest, code: "InvalidJSON", "the request body is not valid JSON: \(error)")
        }
        try json.requireObject(fields: fields)
        return json
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
