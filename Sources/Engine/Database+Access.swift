public import CypherRuntime

extension Database {
    /// What `text` needs to run on this database (read, write or schema), for access control; the
    /// database's procedures count with their modes.
    /// - Throws: the syntax or semantic error `query` would throw.
    public func access(of text: String, parameters: Set<String> = []) throws -> StatementAccess {
        try CypherEngine.access(of: text, parameters: parameters, procedures: procedureRegistry)
    }
}
