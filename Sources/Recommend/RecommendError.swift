/// The one error of the Recommend module: unreadable or malformed input, an empty split, a
/// parameter out of range, or a model that cannot be fitted.
public struct RecommendError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case io, malformedInput, emptyData, invalidArgument, numerical
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A file could not be opened or read.
        public static let io = Code(.io)
        /// A line of an interaction file cannot be parsed.
        public static let malformedInput = Code(.malformedInput)
        /// There is nothing to evaluate: no interactions, no purchase relationships, or no evaluated user.
        public static let emptyData = Code(.emptyData)
        /// A parameter is out of range.
        public static let invalidArgument = Code(.invalidArgument)
        /// A linear-algebra step failed (for example a Gram matrix that is not positive definite).
        public static let numerical = Code(.numerical)

        public var description: String { "\(value)" }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
