/// The one error type of the Embeddings module.
///
/// `code` says what went wrong in a way callers can switch on; `message` says it to a person.
public struct EmbeddingsError: Error, Sendable, CustomStringConvertible {
    /// What went wrong. An extensible set: new codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case modelMissing = "model_missing"
            case badModelFile = "bad_model_file"
            case badVocabulary = "bad_vocabulary"
            case badConfig = "bad_config"
            case io = "io"
            case fetchFailed = "fetch_failed"
            case checksumMismatch = "checksum_mismatch"
            case badInput = "bad_input"
            case unknownText = "unknown_text"
            case unsupportedPrecision = "unsupported_precision"
        }

        private let value: Value

        /// The model directory or one of its files is absent.
        public static let modelMissing = Code(value: .modelMissing)
        /// `model.safetensors` is malformed or lacks a tensor the encoder needs.
        public static let badModelFile = Code(value: .badModelFile)
        /// `vocab.txt` is malformed or lacks a special token.
        public static let badVocabulary = Code(value: .badVocabulary)
        /// `config.json` is malformed or describes an unsupported model.
        public static let badConfig = Code(value: .badConfig)
        /// A file could not be read or written.
        public static let io = Code(value: .io)
        /// Downloading the weights failed.
        public static let fetchFailed = Code(value: .fetchFailed)
        /// The downloaded weights do not have the expected sha256.
        public static let checksumMismatch = Code(value: .checksumMismatch)
        /// An input file or argument is malformed.
        public static let badInput = Code(value: .badInput)
        /// A precomputed provider has no vector for a text.
        public static let unknownText = Code(value: .unknownText)
        /// The requested arithmetic precision needs an instruction set this CPU lacks.
        public static let unsupportedPrecision = Code(value: .unsupportedPrecision)

        public var description: String { value.rawValue }
    }

    /// What went wrong, for programs.
    public var code: Code
    /// What went wrong, for people.
    public var message: String
    /// The underlying error, if one caused this one.
    public var cause: (any Error & Sendable)?
    /// Where in this module the error was raised (`file:line`).
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

    public var description: String {
        if let cause { return "\(code): \(message) (\(cause))" }
        return "\(code): \(message)"
    }
}
