/// Limits of the Bolt server.
public struct BoltConfiguration: Sendable {
    /// The largest message accepted, in bytes (a larger one closes the connection after a FAILURE).
    public var maxMessageBytes = 16 << 20
    /// Bytes of responses buffered before the writer waits for the client to read them (back-pressure).
    public var writeBatchBytes = 256 << 10
    /// Seconds a client has to complete the 20-byte handshake.
    public var handshakeTimeout: Int64 = 10
    /// Who may connect and what each may run. Nil (the default, explicit so in-process servers stay open):
    /// every client is accepted.
    public var authentication: BoltAuthentication? = nil
    /// The `system` database's commands for clients without access control (nil: `db: "system"` is
    /// `DatabaseNotFound`). With `authentication`, each login brings its own (`BoltAuthentication.Login.system`).
    public var system: BoltSystemDatabase.Run? = nil

    public init() {}
}
