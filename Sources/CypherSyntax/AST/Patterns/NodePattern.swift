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
