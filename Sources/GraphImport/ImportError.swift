/// An import failure, always naming the file and, where there is one, the line and column.
/// A failed import leaves the store unchanged.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case io, malformedCSV, badHeader, badValue, duplicateID, unknownID, graph, invalidArgument
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The file could not be opened or read (or is not valid gzip).
        public static let io = Code(.io)
        /// The text breaks CSV's rules: an unterminated quote, a stray quote, a wrong field count.
        public static let malformedCSV = Code(.malformedCSV)
        /// A header names an unknown type or lacks a required column.
        public static let badHeader = Code(.badHeader)
        /// A field cannot be read as its column's type.
        public static let badValue = Code(.badValue)
        /// Two nodes in one ID space share an id.
        public static let duplicateID = Code(.duplicateID)
        /// A relationship names a node id that no node file defined.
        public static let unknownID = Code(.unknownID)
        /// The graph rejected a write (for example a uniqueness constraint).
        public static let graph = Code(.graph)
        /// A generator or importer parameter is out of range.
        public static let invalidArgument = Code(.invalidArgument)

        public var description: String { "\(value)" }
    }

    public let code: Code
    public let file: String
    /// 1-based line of the record, or nil when the error is about the whole file.
    public let line: Int?
    /// 1-based byte column within the line, or nil.
    public let column: Int?
    public let message: String

    public init(_ code: Code, file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, as compilers print it.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        return s + ": " + message
    }
}
