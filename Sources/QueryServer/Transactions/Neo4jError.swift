import Engine
import HTTPTypes

/// An entry of the `errors` array of Neo4j's HTTP API: a `Neo.*` status code and a message.
struct Neo4jError: Error, Sendable {
    let code: String
    let message: String

    init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    var json: JSON { ["code": .string(code), "message": .string(message)] }

    static func invalidFormat(_ message: String) -> Neo4jError { Neo4jError("Neo.ClientError.Request.InvalidFormat", message) }

    static let transactionNotFound = Neo4jError(
        "Neo.ClientError.Transaction.TransactionNotFound",
        "Unrecognized transaction id. Transaction may have timed out and been rolled back.")

    static let concurrentAccess = Neo4jError(
        "Neo.ClientError.Transaction.TransactionAccessedConcurrently",
        "There were concurrent requests accessing the same transaction, which is not allowed.")

    /// The Neo4j status for an error: the engine's through `Neo4jStatus`, the server's own here.
    static func from(_ error: any Error) -> Neo4jError {
        switch error {
        case let e as Neo4jError:
            return e
        case let e as APIError where e.status == .serviceUnavailable:
            return Neo4jError("Neo.TransientError.General.DatabaseUnavailable", e.message)
        case let e as APIError:
            return Neo4jError(e.status.code >= 500 ? "Neo.DatabaseError.General.UnknownError" : "Neo.ClientError.Request.Invalid", e.message)
        default:
            let s = Neo4jStatus.classify(error)
            return Neo4jError(s.code, s.message)
        }
    }
}
