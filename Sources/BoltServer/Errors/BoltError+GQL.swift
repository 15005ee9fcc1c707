extension BoltError {
    /// The GQLSTATUS code and its description that Bolt 5.7+ sends in FAILURE next to the Neo4j code
    /// (`neo4j_code`), by the class of that code: invalid syntax `42001`, other statement errors `42000` or
    /// `22000`, an invalid type `22N01`, division by zero `22012`, and Neo4j's general `50N42` for the rest
    /// (as Neo4j does for errors without a GQL status of their own). Drivers pick their exception class from
    /// `neo4j_code`, so the classes stay those of older versions.
    var gqlStatus: (code: String, description: String) {
        switch code {
        case "Neo.ClientError.Statement.SyntaxError":
            return ("42001", "error: syntax error or access rule violation - invalid syntax")
        case "Neo.ClientError.Statement.SemanticError", "Neo.ClientError.Statement.ParameterMissing",
            "Neo.ClientError.Procedure.ProcedureNotFound":
            return ("42000", "error: syntax error or access rule violation")
        case "Neo.ClientError.Statement.TypeError":
            return ("22N01", "error: data exception - invalid type")
        case "Neo.ClientError.Statement.ArithmeticError" where message.contains("division by zero"):
            return ("22012", "error: data exception - division by zero")
        case _ where code.hasPrefix("Neo.ClientError.Statement.") || code.hasPrefix("Neo.ClientError.Schema."):
            return ("22000", "error: data exception")
        default:
            return ("50N42", "error: general processing exception - unexpected error")
        }
    }

    /// `CLIENT_ERROR`, `TRANSIENT_ERROR` or `DATABASE_ERROR`, from the Neo4j code's classification.
    var gqlClassification: String {
        if code.hasPrefix("Neo.ClientError.") { return "CLIENT_ERROR" }
        if code.hasPrefix("Neo.TransientError.") { return "TRANSIENT_ERROR" }
        return "DATABASE_ERROR"
    }

    /// The FAILURE metadata for `version`: `code` and `message` before 5.7; from 5.7 the GQL status object
    /// (`gql_status`, `description`, `message`, `neo4j_code`, `diagnostic_record`).
    func failureMetadata(_ version: BoltVersion) -> [(String, PackValue)] {
        guard version >= BoltVersion(5, 7) else { return [("code", .string(code)), ("message", .string(message))] }
        let (status, description) = gqlStatus
        let record: PackValue = .map([
            ("OPERATION", ""), ("OPERATION_CODE", "0"), ("CURRENT_SCHEMA", "/"),
            ("_classification", .string(gqlClassification)),
        ])
        return [
            ("gql_status", .string(status)), ("description", .string(description)), ("message", .string(message)),
            ("neo4j_code", .string(code)), ("diagnostic_record", record),
        ]
    }
}
