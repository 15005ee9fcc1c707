import CypherRuntime
import CypherSyntax
import Embeddings
import GraphStore
import HTTPTypes
import Persistence
import Recommend
import VectorIndex

extension APIError {
    /// The HTTP error for an engine error: the client's mistakes (bad Cypher, a type error, a
    /// constraint) are 4xx with the engine's code; only storage failures are 5xx.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let e as APIError:
            return e
        case let e as CypherSyntaxError:
            let at = e.location.start
            return APIError(
                .badRequest, code: "\(e.classification).\(e.code)", e.message,
                details: [("line", .int(Int64(at.line))), ("column", .int(Int64(at.column))), ("offset", .int(Int64(at.offset)))])
        case let e as CypherRuntimeError where e.code == .memoryLimit:
            // Neo4j's code; transient: the same statement may fit when fewer run at once. A 503 says when to
            // try again (RFC 9110 §10.2.3), as the admission queue's does.
            return APIError(
                .serviceUnavailable, code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError", e.message,
                headers: [.retryAfter: "1"])
        case let e as CypherRuntimeError:
            let status: HTTPResponse.Status = e.code.classification == "ConstraintVerificationFailed" ? .conflict : .badRequest
            return APIError(status, code: "\(e.code.classification).\(e.code.name)", e.message)
        case let e as GraphStoreError:
            switch e.code {
            case .constraintViolation, .constraintAlreadyExists, .transactionConflict, .nodeHasRelationships:
                return APIError(.conflict, code: "\(e.code)", e.message)
            case .lockTimeout:
                return APIError(
                    .serviceUnavailable, code: "Neo.TransientError.Transaction.LockAcquisitionTimeout", e.message,
                    headers: [.retryAfter: "1"])
            case .capacityExceeded:
                return APIError(HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"), code: "\(e.code)", e.message)
            default:
                return APIError(.badRequest, code: "\(e.code)", e.message)
            }
        case let e as VectorIndexError:
            return APIError(.badRequest, code: "VectorIndex.\(e.code)", e.message)
        case let e as EmbeddingsError:
            return APIError(.badRequest, code: "Embeddings.\(e.code)", e.message)
        case let e as RecommendError where e.code == .invalidArgument:
            return APIError.badRequest(e.message)
        case let e as RecommendError where e.code == .emptyData:
            return APIError(.notFound, code: "NoPurchases", e.message)
        case let e as PersistenceError:
            return APIError(.internalServerError, code: "Storage.\(e.code)", e.message)
        default:
            return APIError(.internalServerError, code: "InternalError", "\(error)")
        }
    }
}
