import HTTPTypes
import CypherRuntime
import Hummingbird

extension Request {
    /// The whole body, refused with 413 `PayloadTooLarge` when it exceeds `limit` bytes.
    /// A body that has not arrived within `timeout` gets 408 `RequestTimeout` (a client trickling bytes).
    mutating func bodyBytes(limit: Int, timeout: Duration = .seconds(30)) async throws(APIError) -> [UInt8] {
        let tooLarge = APIError(
            .contentTooLarge, code: "PayloadTooLarge", "the request body is larger than the limit of \(limit) bytes")
        let declared = headers[.contentLength].flatMap { Int($0) }
        if let declared, declared > limit { throw tooLarge }
        // The deadline is checked as each part arrives, not by a timer (one per request costs a thread
        // wake-up): a client that stops sending is cut off by the connection's idle timeout, and one that
        // trickles bytes to keep it open gets 408 with its first part after the deadline.
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var bytes: [UInt8] = []
        if let declared { bytes.reserveCapacity(min(declared, 1 << 20)) }
        do {
            for try await part in body {
                guard bytes.count + part.readableBytes <= limit else { throw tooLarge }
                bytes.append(contentsOf: part.readableBytesView)
                if clock.now > deadline {
                    throw APIError(.requestTimeout, code: "RequestTimeout", "the request body did not arrive within \(timeout)")
                }
            }
        } catch let e as APIError {
            throw e
        } catch {
            throw APIError(.badRequest, code: "BadRequest", "cannot read the request body: \(error)")
        }
        return bytes
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
