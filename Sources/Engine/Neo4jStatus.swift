import CypherRuntime
import CypherSyntax
import GraphStore
import Persistence

/// The Neo4j status code (`Neo.ClientError.Statement.SyntaxError`, …) of an engine error, as Neo4j
/// classifies the same failure. The HTTP transaction API and Bolt both report errors through this
/// one mapping, so a failure reads the same over either protocol.
public enum Neo4jStatus {
    /// The status code and message of `error`, or nil when it is not an engine error (a protocol's
    /// own errors are mapped by that protocol).
    public static func of(_ error: any Error) -> (code: String, message: String)? {
        switch error {
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
            return ("Neo.ClientError.\(category)", syntaxMessage(e))
        case let e as CypherRuntimeError where e.code == .memoryLimit:
            return ("Neo.TransientError.General.MemoryPoolOutOfMemoryError", e.message)
        case let e as CypherRuntimeError where e.code == .cancelled:
            return ("Neo.TransientError.Transaction.Terminated", e.message)
        case let e as CypherRuntimeError where e.code == .schemaInWriteTransaction:
            return ("Neo.ClientError.Transaction.ForbiddenDueToTransactionType", e.message)
        case let e as CypherRuntimeError where e.code == .indexNotFound:
            return ("Neo.ClientError.Schema.IndexNotFound", e.message)
        case let e as CypherRuntimeError where e.code == .schemaRuleAlreadyExists:
            // Neo4j's code for a CREATE CONSTRAINT / INDEX whose rule exists (OGMs such as neomodel tolerate it).
            return ("Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists", e.message)
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
            return ("Neo.ClientError.\(category)", e.message)
        case let e as GraphStoreError:
            switch e.code {
            case .constraintViolation, .constraintAlreadyExists, .nodeHasRelationships:
                return ("Neo.ClientError.Schema.ConstraintValidationFailed", e.message)
            case .constraintNotFound:
                return ("Neo.ClientError.Schema.ConstraintNotFound", e.message)
            case .transactionConflict:
                return ("Neo.TransientError.Transaction.Outdated", e.message)
            case .lockTimeout:
                return ("Neo.TransientError.Transaction.LockAcquisitionTimeout", e.message)
            case .nodeNotFound, .relationshipNotFound:
                return ("Neo.ClientError.Statement.EntityNotFound", e.message)
            default:
                return ("Neo.ClientError.Statement.ExecutionFailed", e.message)
            }
        case let e as PersistenceError:
            return ("Neo.DatabaseError.Statement.ExecutionFailed", e.message)
        case let e as EngineError:
            return (e.neo4jCode, e.description)
        default:
            return nil
        }
    }

    /// The status of any error: the engine's as `of(_:)` classifies it, anything else (an error no protocol
    /// mapped first) `Neo.DatabaseError.Statement.ExecutionFailed` with its description.
    public static func classify(_ error: any Error) -> (code: String, message: String) {
        of(error) ?? ("Neo.DatabaseError.Statement.ExecutionFailed", "\(error)")
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
