import Foundation

/// The server's access control in one value: the user store, the authenticator (cache, throttle) and the
/// audit log. The HTTP and Bolt servers take one; nil there means no authentication (`--no-auth`).
public final class AccessControl: Sendable {
    public let store: AccessStore
    public let authenticator: Authenticator
    public let audit: AuditLog
    /// The databases this server has (for SHOW DATABASES and for checking key and path names).
    public let databases: [String]
    /// Per-key request limits.
    public let limiter = KeyLimiter()

    public init(store: AccessStore, audit: AuditLog, throttle: LoginThrottle = LoginThrottle(), databases: [String] = ["neo4j"]) {
        self.store = store
        self.audit = audit
        self.databases = databases
        authenticator = Authenticator(store: store, throttle: throttle, audit: audit)
    }

    /// Access control over `directory`: `system.sqlite` (users, keys) and `audit.log`.
    public convenience init(directory: String, iterations: Int = PasswordHash.defaultIterations) throws(AccessError) {
        let store = try AccessStore(directory: directory, iterations: iterations)
        try self.init(store: store, audit: AuditLog(path: directory + "/audit.log"))
    }

    /// The first start: when there is no user yet, creates `admin` with a random password, writes the
    /// password to `passwordFile` (mode 0600) and returns it; otherwise nil.
    public func bootstrapAdmin(passwordFile: String?) throws(AccessError) -> String? {
        guard store.users.isEmpty else { return nil }
        let password = PasswordHash.randomSecret(bytes: 18)
        try store.createUser("admin", password: password, roles: [.admin])
        audit.record("user_created", user: "admin", source: "local", "first start: admin with a random password")
        if let passwordFile {
            let ok = FileManager.default.createFile(
                atPath: passwordFile, contents: Data((password + "\n").utf8), attributes: [.posixPermissions: 0o600])
            guard ok else { throw AccessError(.storage, "\(passwordFile): cannot write the admin password") }
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwordFile)
        }
        return password
    }
}
