/// The one error type of the VectorIndex module.
///
/// `code` says what went wrong in a way callers can switch on; `message` says it for people.
public struct VectorIndexError: Error, CustomStringConvertible, Sendable {
    /// An extensible set of error codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Sendable {
            case dimensionMismatch, zeroVector, nonFiniteValue, notTrained, invalidParameter
            case corruptFile, unsupportedVersion, ioFailure, duplicateID, invalidID
        }
        private let kind: Kind

        /// A vector's length differs from the index dimension.
        public static let dimensionMismatch = Code(kind: .dimensionMismatch)
        /// A vector has norm zero and so no direction (cosine is undefined).
        public static let zeroVector = Code(kind: .zeroVector)
        /// A vector holds NaN or ±∞.
        public static let nonFiniteValue = Code(kind: .nonFiniteValue)
        /// The index was used before `train`.
        public static let notTrained = Code(kind: .notTrained)
        /// A parameter is out of its documented range.
        public static let invalidParameter = Code(kind: .invalidParameter)
        /// A saved index failed its format or checksum checks.
        public static let corruptFile = Code(kind: .corruptFile)
        /// A saved index has a format version this build cannot read.
        public static let unsupportedVersion = Code(kind: .unsupportedVersion)
        /// Reading or writing a file failed.
        public static let ioFailure = Code(kind: .ioFailure)
        /// `add` was given an id the index already holds (use `upsert` to replace).
        public static let duplicateID = Code(kind: .duplicateID)
        /// The id is reserved (`VectorID.max`).
        public static let invalidID = Code(kind: .invalidID)

        public var description: String { kind.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// A sentence for people.
    public var message: String
    /// The underlying error, if any.
    public var cause: (any Error & Sendable)?
    /// Where the error was raised.
    public var location: String

    public init(
        _ code: Code, _ message: String, cause: (any Error & Sendable)? = nil,
        file: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.cause = cause
        self.location = "\(file):\(line)"
    }

    public var description: String { "VectorIndexError.\(code): \(message)" }
}
