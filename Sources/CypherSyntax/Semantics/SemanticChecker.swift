/// Compile-time checks over a parsed statement (placeholder; filled in below).
public struct SemanticChecker: Sendable {
    public init() {}
    public func check(_ statement: Statement) throws(CypherSyntaxError) {}
}
