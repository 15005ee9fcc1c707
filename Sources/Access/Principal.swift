/// Requests per second and requests in flight an API key may have (nil: unlimited).
public struct KeyLimits: Sendable, Hashable, Codable {
    public var requestsPerSecond: Int?
    public var maxConcurrent: Int?

    public init(requestsPerSecond: Int? = nil, maxConcurrent: Int? = nil) {
        self.requestsPerSecond = requestsPerSecond
        self.maxConcurrent = maxConcurrent
    }
}

/// Who a request runs as: a user or an API key (one database), with its roles. A user's `roles` apply on every
/// database; `databaseRoles` add roles on one database each. A user with roles only on some databases does not
/// see the others (404, as for a key).
public struct Principal: Sendable, Hashable {
    /// The user name, or `key:ID` for an API key.
    public let name: String
    /// Roles on every database (a key's: on its own).
    public let roles: Set<Role>
    /// A user's roles on one database each, by lower-cased name.
    public let databaseRoles: [String: Set<Role>]
    /// The one database an API key is for; nil for users.
    public let database: String?
    /// An API key's limits (nil: none).
    public let limits: KeyLimits?

    public init(
        name: String, roles: Set<Role>, database: String? = nil, limits: KeyLimits? = nil, databaseRoles: [String: Set<Role>] = [:]
    ) {
        self.name = name
        self.roles = roles
        self.databaseRoles = databaseRoles
        self.database = database
        self.limits = limits
    }

    /// Whether this principal may see `database` at all: a key only its own; a user every database, unless its
    /// roles are all on named databases (then only those, and `system` for its own commands). Others are 404.
    public func canSee(database name: String) -> Bool {
        let name = name.lowercased()
        if let database { return database.lowercased() == name }
        return databaseRoles.isEmpty || !roles.isEmpty || name == "system" || !(databaseRoles[name] ?? []).isEmpty
    }

    /// The roles that apply on `database`.
    public func roles(on database: String) -> Set<Role> {
        let name = database.lowercased()
        if let key = self.database { return key.lowercased() == name ? roles : [] }
        return roles.union(databaseRoles[name] ?? [])
    }

    /// Whether some role on `database` allows `action`.
    public func allows(_ action: Role.Action, on database: String) -> Bool { roles(on: database).contains { $0.allows(action) } }

    /// Throws `forbidden` unless some role on `database` allows `action`.
    public func require(_ action: Role.Action, on database: String, _ what: @autoclosure () -> String) throws(AccessError) {
        guard allows(action, on: database) else {
            throw AccessError(
                .forbidden,
                "\(what()) is not allowed for user '\(name)' with roles [\(roles(on: database).sorted().map(\.rawValue).joined(separator: ", "))] on database '\(database)'.")
        }
    }

    /// Whether some role allows `action`.
    public func allows(_ action: Role.Action) -> Bool { roles.contains { $0.allows(action) } }

    /// Throws `forbidden` unless some role allows `action`.
    public func require(_ action: Role.Action, _ what: @autoclosure () -> String) throws(AccessError) {
        guard allows(action) else {
            throw AccessError(
                .forbidden,
                "\(what()) is not allowed for user '\(name)' with roles [\(roles.sorted().map(\.rawValue).joined(separator: ", "))].")
        }
    }
}
