/// `(a)-[r]->(b)<-[s]-(c)`: a start node and a chain of relationship/node steps.
public struct PatternElement: Sendable, Hashable {
    public var start: NodePattern
    public var chain: [PatternStep]
    public init(start: NodePattern, chain: [PatternStep]) {
        self.start = start
        self.chain = chain
    }
    /// All node patterns in order.
    public var nodes: [NodePattern] { [start] + chain.map(\.node) }
}

public struct PatternStep: Sendable, Hashable {
    public var relationship: RelationshipPattern
    public var node: NodePattern
    public init(relationship: RelationshipPattern, node: NodePattern) {
        self.relationship = relationship
        self.node = node
    }
}
