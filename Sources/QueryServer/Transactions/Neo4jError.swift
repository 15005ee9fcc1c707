import CypherRuntime
import CypherSyntax
import GraphStore
import HTTPTypes
import Persistence

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

    /// The Neo4j status for an engine error, as Neo4j classifies the same failure.
    static func from(_ error: any Error) -> Neo4jError {
        switch error {
        case let e as Neo4jError:
            return e
        case let e as CypherSyntaxError:
            let category: String
            switch e.classification {
            case .syntaxError: category = "Statement.SyntaxError"
            case .typeError: category = "Statement.TypeError"
            case .argumentError: category = "Statement.ArgumentError"
            case .parameterMissing: category = "Statement.ParameterMissing"
            case .procedureError: category = "Procedure.ProcedureNotFound"
            default: category = "Statement.SemanticError"
            }
            return Neo4jError("Neo.ClientError.\(category)", syntaxMessage(e))
        case let e as CypherRuntimeError where e.code == .memoryLimit:
            return Neo4jError("Neo.TransientError.General.MemoryPoolOutOfMemoryError", e.message)
        case let e as CypherRuntimeError where e.code == .cancelled:
            return Neo4jError("Neo.TransientError.Transaction.Terminated", e.message)
        case let e as CypherRuntimeError:
            let category: String
            switch e.code.classification {
            case "TypeError": category = "Statement.TypeError"
            case "ArgumentError": category = "Statement.ArgumentError"
            case "ArithmeticError": category = "Statement.ArithmeticError"
            case "EntityNotFound": category = "Statement.EntityNotFound"
            case "ConstraintVerificationFailed": category = "Schema.ConstraintValidationFailed"
            case "ParameterMissing": category = "Statement.ParameterMissing"
            case "ProcedureError":
                category = e.code == .procedureCallFailed ? "Procedure.ProcedureCallFailed" : "Procedure.ProcedureNotFound"
            case "ResourceLimit": category = "Transaction.TransactionTimedOut"
            case "NotSupported": category = "Statement.FeatureNotSupported"
            case "SyntaxError": category = "Statement.SyntaxError"
            default: category = "Statement.SemanticError"
            }
            return Neo4jError("Neo.ClientError.\(category)", e.message)
        case let e as GraphStoreError:
            switch e.code {
            case .constraintViolation, .constraintAlreadyExists:
                return Neo4jError("Neo.ClientError.Schema.ConstraintValidationFailed", e.message)
            case .constraintNotFound:
                return Neo4jError("Neo.ClientError.Schema.ConstraintNotFound", e.message)
            case .transactionConflict:
                return Neo4jError("Neo.TransientError.Transaction.Outdated", e.message)
            case .nodeNotFound, .relationshipNotFound:
                return Neo4jError("Neo.ClientError.Statement.EntityNotFound", e.message)
            case .nodeHasRelationships:
                return Neo4jError("Neo.ClientError.Schema.ConstraintValidationFailed", e.message)
            default:
                return Neo4jError("Neo.ClientError.Statement.ExecutionFailed", e.message)
            }
        case let e as APIError where e.status == .serviceUnavailable:
            return Neo4jError("Neo.TransientError.General.DatabaseUnavailable", e.message)
        case let e as APIError:
            return Neo4jError(e.status.code >= 500 ? "Neo.DatabaseError.General.UnknownError" : "Neo.ClientError.Request.Invalid", e.message)
        case let e as PersistenceError:
            return Neo4jError("Neo.DatabaseError.Statement.ExecutionFailed", e.message)
        default:
            return Neo4jError("Neo.DatabaseError.Statement.ExecutionFailed", "\(error)")
        }
    }

    /// Neo4j's layout: the message, `(line L, column C (offset: O))`, the query line and a caret.
    static func syntaxMessage(_ e: CypherSyntaxError) -> String {
        let at = e.location.start
        var text = "\(e.message) (line \(at.line), column \(at.column) (offset: \(at.offset)))"
        let lines = e.source.split(separator: "\n", omittingEmptySubsequences: false)
        if at.line >= 1, at.line <= lines.count {
            text += "\n\"" + lines[at.line - 1] + "\"\n" + String(repeating: " ", count: at.column) + "^"
        }
        return text
    }
}
