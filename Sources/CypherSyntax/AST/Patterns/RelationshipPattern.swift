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
