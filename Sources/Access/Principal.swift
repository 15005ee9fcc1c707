/// Requests per second and requests in flight an API key may have (nil: unlimited).
public struct KeyLimits: Sendable, Hashable, Codable {
    public var requestsPerSecond: Int?
    public var maxConcurrent: Int?

    public init(requestsPerSecond: Int? = nil, maxConcurrent: Int? = nil) {
        self.requestsPerSecond = requestsPerSecond
        self.maxConcurrent = maxConcurrent
    }
}

/// Who a request runs as: a user (every database) or an API key (one database), with its roles.
public struct Principal: Sendable, Hashable {
    /// The user name, or `key:ID` for an API key.
    public let name: String
    public let roles: Set<Role>
    /// The one database an API key is for; nil for users.
    public let database: String?
    /// An API key's limits (nil: none).
    public let limits: KeyLimits?

    public init(name: String, roles: Set<Role>, database: String? = nil, limits: KeyLimits? = nil) {
        self.name = name
        self.roles = roles
        self.database = database
        self.limits = limits
    }

    /// Whether this principal may see `database` at all (a key for another database may not: 404).
    public func canSee(database name: String) -> Bool { database == nil || database == name }

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
