/// A stored user: the name, the password's slow hash (never the password), its roles: on every database
/// (`roles`), and on one database each (`databaseRoles`, by lower-cased name; absent in users stored before
/// there were several databases).
public struct User: Sendable, Codable, Hashable {
    public var name: String
    public var passwordHash: String
    public var roles: [Role]
    public var databaseRoles: [String: [Role]]?
    public var passwordChangeRequired: Bool
    public var suspended: Bool

    public init(name: String, passwordHash: String, roles: [Role], passwordChangeRequired: Bool = false, suspended: Bool = false) {
        self.name = name
        self.passwordHash = passwordHash
        self.roles = roles
        self.passwordChangeRequired = passwordChangeRequired
        self.suspended = suspended
    }

    /// Checks a user name: 1 to 64 letters, digits, `_`, `-`, `.` or `@`, not starting with a digit.
    static func validate(name: String) throws(AccessError) {
        let ok =
            !name.isEmpty && name.utf8.count <= 64
            && name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.@".unicodeScalars.contains($0) }
            && !(name.first?.isNumber ?? true)
        guard ok else {
            throw AccessError(.invalidArgument, "User name '\(name)' must be 1 to 64 letters, digits, _, -, . or @, not starting with a digit.")
        }
    }

    /// The shortest password accepted, as Neo4j's default `dbms.security.auth_minimum_password_length`.
    public static let minimumPasswordLength = 8

    static func validate(password: String) throws(AccessError) {
        guard password.count >= minimumPasswordLength else {
            throw AccessError(.invalidArgument, "A password must be at least \(minimumPasswordLength) characters long.")
        }
    }
}

/// A stored API key: the public id, the secret's slow hash, the one database and role it grants.
public struct APIKey: Sendable, Codable, Hashable {
    public var id: String
    public var secretHash: String
    public var database: String
    public var role: Role
    public var label: String
    public var created: Double
    /// Requests per second and in flight (absent in keys made before limits existed: unlimited).
    public var limits: KeyLimits?

    /// The token format: `ign_<id>_<secret>`; the id finds the key, the secret proves it.
    static func parse(_ token: String) -> (id: String, secret: String)? {
        guard token.hasPrefix("ign_") else { return nil }
        let rest = token.dropFirst(4)
        guard let cut = rest.firstIndex(of: "_") else { return nil }
        let id = String(rest[..<cut])
        let secret = String(rest[rest.index(after: cut)...])
        guard id.count == 12, !secret.isEmpty else { return nil }
        return (id, secret)
    }
}
