/// How mirrored entities are found again on the target: every mirrored node carries the label
/// ``label`` and the property ``property`` holding its id in the source, and every mirrored
/// relationship carries ``property`` too. The target gets a uniqueness constraint on
/// `(:label).property`, so replaying a batch can never make a second copy of a node, and every
/// statement finds its node through that constraint's index.
///
/// This is the approach of Neo4j's own CDC sink ("source id strategy": a `SourceEvent` label and a
/// `sourceId` property, Neo4j Connector for Kafka). A label's own unique key is not used as the
/// match key because it can change (`SET n.sku = …`) or be absent, and a node can lose the label;
/// the source id never changes.
public struct MirrorKey: Sendable, Hashable {
    public var label: String
    public var property: String
    /// The uniqueness constraint the mirror creates on the target.
    public var constraintName: String

    public init(label: String = "IgnitabullNode", property: String = "ignitabullId", constraintName: String = "ignitabull_mirror_key") {
        self.label = label
        self.property = property
        self.constraintName = constraintName
    }

    /// The statement that makes the key's uniqueness constraint (idempotent).
    public var constraintStatement: MirrorStatement {
        MirrorStatement(
            "CREATE CONSTRAINT \(Cypher.name(constraintName)) IF NOT EXISTS FOR (n:\(Cypher.name(label))) "
                + "REQUIRE n.\(Cypher.name(property)) IS UNIQUE", schema: true)
    }
}

/// Cypher text helpers.
enum Cypher {
    /// `name` as a Cypher identifier in backquotes (a backquote inside is doubled).
    static func name(_ name: String) -> String {
        "`" + name.replacingBackquotes() + "`"
    }
}

extension String {
    fileprivate func replacingBackquotes() -> String {
        var out = ""
        for c in self {
            if c == "`" { out += "``" } else { out.append(c) }
        }
        return out
    }
}
