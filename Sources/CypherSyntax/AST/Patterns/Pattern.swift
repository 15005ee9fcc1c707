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
