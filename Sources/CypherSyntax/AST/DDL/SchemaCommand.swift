/// A schema (DDL) command in Neo4j 5 syntax.
public struct SchemaCommand: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `CREATE CONSTRAINT [name] [IF NOT EXISTS] FOR (v:Label) REQUIRE v.prop IS UNIQUE`.
        case createUniqueConstraint(
            name: String?, ifNotExists: Bool, variable: String, label: String, properties: [String])
        /// `DROP CONSTRAINT name [IF EXISTS]`.
        case dropConstraint(name: String, ifExists: Bool)
        /// `CREATE VECTOR INDEX [name] [IF NOT EXISTS] FOR (v:Label) ON (v.prop) [OPTIONS {...}]`.
        case createVectorIndex(
            name: String?, ifNotExists: Bool, variable: String, label: String, property: String, options: Expression?)
        /// `CREATE [RANGE | TEXT] INDEX [name] [IF NOT EXISTS] FOR (v:Label) ON (v.prop[, …])`, and Neo4j 4's
        /// `CREATE INDEX ON :Label(prop)`; `text` is true for TEXT.
        case createPropertyIndex(
            name: String?, ifNotExists: Bool, text: Bool, variable: String, label: String, properties: [String])
        /// `DROP INDEX name [IF EXISTS]`.
        case dropIndex(name: String, ifExists: Bool)
        case showConstraints
        case showIndexes
    }
    public var kind: Kind
    public var span: SourceSpan
    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}
