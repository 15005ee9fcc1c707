/// A position in a query text: 1-based line and column, 0-based offset, all counted in Unicode scalars.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// Line number, starting at 1.
    public var line: Int
    /// Column number within the line, starting at 1.
    public var column: Int
    /// Offset from the start of the text, in Unicode scalars, starting at 0.
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public var description: String { "line \(line), column \(column)" }
}

/// A half-open range of a query text, `start ..< end`.
public struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// A span covering both `self` and `other`.
    public func merged(with other: SourceSpan) -> SourceSpan {
        SourceSpan(
            start: start.offset <= other.start.offset ? start : other.start,
            end: end.offset >= other.end.offset ? end : other.end)
    }

    /// The span used for nodes that have no source text of their own.
    public static let none = SourceSpan(
        start: SourceLocation(line: 1, column: 1, offset: 0), end: SourceLocation(line: 1, column: 1, offset: 0))

    public var description: String { start.description }
}
