/// A comma-separated pattern, as in `MATCH (a)-->(b), (c)`.
public struct Pattern: Sendable, Hashable {
    public var parts: [PatternPart]
    public var span: SourceSpan
    public init(parts: [PatternPart], span: SourceSpan) {
        self.parts = parts
        self.span = span
    }
}

/// One path pattern, optionally named (`p = ...`) and optionally wrapped in `shortestPath(...)`.
public struct PatternPart: Sendable, Hashable {
    public enum Shortest: String, Sendable, Hashable { case shortestPath, allShortestPaths }
    public var variable: String?
    public var shortest: Shortest?
    public var element: PatternElement
    public var span: SourceSpan
    public init(variable: String?, shortest: Shortest?, element: PatternElement, span: SourceSpan) {
        self.variable = variable
        self.shortest = shortest
        self.element = element
        self.span = span
    }
}

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

/// `(v:A:B {props})`.
public struct NodePattern: Sendable, Hashable {
    public var variable: String?
    public var labels: [String]
    /// A map literal or a parameter.
    public var properties: Expression?
    public var span: SourceSpan
    public init(variable: String?, labels: [String], properties: Expression?, span: SourceSpan) {
        self.variable = variable
        self.labels = labels
        self.properties = properties
        self.span = span
    }
}

/// `-[v:T1|T2*1..3 {props}]->`.
public struct RelationshipPattern: Sendable, Hashable {
    public enum Direction: Sendable, Hashable { case outgoing, incoming, both }
    public var variable: String?
    public var types: [String]
    public var direction: Direction
    /// Nil for a single hop; otherwise the bounds of `*min..max` (either may be nil).
    public var length: VariableLength?
    public var properties: Expression?
    public var span: SourceSpan
    public init(
        variable: String?, types: [String], direction: Direction, length: VariableLength?, properties: Expression?,
        span: SourceSpan
    ) {
        self.variable = variable
        self.types = types
        self.direction = direction
        self.length = length
        self.properties = properties
        self.span = span
    }
}

/// The bounds of a variable-length relationship: `*` (nil, nil), `*2` (2, 2), `*1..3`, `*..3`, `*2..`.
public struct VariableLength: Sendable, Hashable {
    public var minimum: Int64?
    public var maximum: Int64?
    public init(minimum: Int64?, maximum: Int64?) {
        self.minimum = minimum
        self.maximum = maximum
    }
}
