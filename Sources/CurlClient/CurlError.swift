/// A transfer that did not complete: the URL could not be reached, the connection failed or timed
/// out, or a local file could not be written. An HTTP error status is not a `CurlError`: it comes
/// back in ``CurlResponse/status`` for the caller to judge.
public struct CurlError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable { case transfer, timeout, io, badURL }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// libcurl reported a failure (DNS, connect, TLS, a dropped connection, …).
        public static let transfer = Code(.transfer)
        /// The connect or total timeout ran out.
        public static let timeout = Code(.timeout)
        /// A local file could not be opened or written.
        public static let io = Code(.io)
        /// The URL is empty or holds a NUL.
        public static let badURL = Code(.badURL)

        public var description: String { "\(value)" }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
