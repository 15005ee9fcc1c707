/// The one error type of BoltServer: a Neo4j status code (as sent in FAILURE) and a message.
///
/// `code` is a full Neo4j status (`Neo.ClientError.Statement.SyntaxError`); drivers pick their exception
/// class from it. `closesConnection` marks protocol violations after which the byte stream cannot be trusted.
public struct BoltError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var closesConnection = false

    public init(_ code: String, _ message: String, closesConnection: Bool = false) {
        self.code = code
        self.message = message
        self.closesConnection = closesConnection
    }

    public var description: String { "\(code): \(message)" }

    /// Bytes that do not follow the protocol (bad PackStream, bad framing): the connection is closed after the FAILURE.
    public static func protocolViolation(_ message: String) -> BoltError {
        BoltError("Neo.ClientError.Request.Invalid", message, closesConnection: true)
    }

    /// A well-formed message that is wrong here (bad field, wrong state).
    public static func invalid(_ message: String) -> BoltError { BoltError("Neo.ClientError.Request.Invalid", message) }

    public static func invalidFormat(_ message: String) -> BoltError {
        BoltError("Neo.ClientError.Request.InvalidFormat", message)
    }
}
