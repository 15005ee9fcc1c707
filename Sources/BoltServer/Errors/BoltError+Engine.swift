import CypherRuntime
import CypherSyntax
import GraphStore
import Persistence

extension BoltError {
    /// The Neo4j status for an engine error, classified as QueryServer's HTTP transaction API does
    /// (`QueryServer/Transactions/Neo4jError.swift`), so both protocols report the same failure the same way.
    public static func from(_ error: any Error) -> BoltError {
        switch error {
        case let e as BoltError:
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
            return BoltError("Neo.ClientError.\(category)", syntaxMessage(e))
        case let e as CypherRuntimeError:
            let category: String
            switch e.code.classification {
            case "TypeError": category = "Statement.TypeError"
            case "ArgumentError": category = "Statement.ArgumentError"
            case "ArithmeticError": category = "Statement.ArithmeticError"
            case "EntityNotFound": category = "Statement.EntityNotFound"
            case "ConstraintVerificationFailed": category = "Schema.ConstraintValidationFailed"
            case "ParameterMissing": category = "Statement.ParameterMissing"
            case "ProcedureError": category = "Procedure.ProcedureNotFound"
            case "ResourceLimit": category = "Transaction.TransactionTimedOut"
            case "NotSupported": category = "Statement.FeatureNotSupported"
            case "SyntaxError": category = "Statement.SyntaxError"
            default: category = "Statement.SemanticError"
            }
            return BoltError("Neo.ClientError.\(category)", e.message)
        case let e as GraphStoreError:
            switch e.code {
            case .constraintViolation, .constraintAlreadyExists, .nodeHasRelationships:
                return BoltError("Neo.ClientError.Schema.ConstraintValidationFailed", e.message)
            case .constraintNotFound:
                return BoltError("Neo.ClientError.Schema.ConstraintNotFound", e.message)
            case .transactionConflict:
                return BoltError("Neo.TransientError.Transaction.Outdated", e.message)
            case .nodeNotFound, .relationshipNotFound:
                return BoltError("Neo.ClientError.Statement.EntityNotFound", e.message)
            default:
                return BoltError("Neo.ClientError.Statement.ExecutionFailed", e.message)
            }
        case let e as PersistenceError:
            return BoltError("Neo.DatabaseError.Statement.ExecutionFailed", e.message)
        default:
            return BoltError("Neo.DatabaseError.Statement.ExecutionFailed", "\(error)")
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
