/// A schema (DDL) command in Neo4j 5 syntax.
public struct SchemaCommand: Sendable, Hashable {
    /// What a constraint applies to: the nodes with a label or the relationships of a type.
    public enum ConstraintTarget: Sendable, Hashable {
        case label(String)
        case relationshipType(String)
    }

    /// What a constraint requires of its properties.
    public enum ConstraintRequirement: Sendable, Hashable {
        /// `IS [NODE | REL | RELATIONSHIP] UNIQUE`.
        case unique
        /// `IS [NODE | REL | RELATIONSHIP] KEY`: unique and present.
        case key
        /// `IS NOT NULL`: present.
        case notNull
    }

    public enum Kind: Sendable, Hashable {
        /// `CREATE CONSTRAINT [name] [IF NOT EXISTS] FOR (v:Label) REQUIRE v.prop IS UNIQUE`.
        case createUniqueConstraint(
            name: String?, ifNotExists: Bool, variable: String, label: String, properties: [String])
        /// Every other constraint: `… FOR (v:Label) REQUIRE (v.a[, …]) IS [NODE] KEY`, `… REQUIRE v.p IS NOT NULL`,
        /// and on relationships `… FOR ()-[v:TYPE]-() REQUIRE … IS NOT NULL | IS [REL] UNIQUE | IS [REL] KEY`.
        case createConstraint(
            name: String?, ifNotExists: Bool, variable: String, target: ConstraintTarget, properties: [String],
            requirement: ConstraintRequirement)
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
        /// Neo4j 4's `DROP INDEX ON :Label(prop[, …])`: the range index on those properties, whatever its name.
        case dropIndexOn(label: String, properties: [String])
        /// Neo4j 4's `DROP CONSTRAINT ON (v:Label) ASSERT … IS UNIQUE | IS NODE KEY | IS NOT NULL`: the
        /// constraint of that kind on those properties, whatever its name.
        case dropConstraintOn(target: ConstraintTarget, properties: [String], requirement: ConstraintRequirement)
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
