import Engine

extension BoltError {
    /// The Neo4j status for an error: the engine's through `Neo4jStatus`, the same mapping the HTTP
    /// transaction API uses, so both protocols report a failure the same way.
    public static func from(_ error: any Error) -> BoltError {
        if let e = error as? BoltError { return e }
        let s = Neo4jStatus.classify(error)
        return BoltError(s.code, s.message)
    }
}
