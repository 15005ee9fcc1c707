import Synchronization

/// Users: create, change, drop, grant and revoke roles. Each change is durable before it returns.
extension AccessStore {
    /// Every user, by name.
    public var users: [User] { state.withLock { $0.users.values.sorted { $0.name < $1.name } } }

    public func user(_ name: String) -> User? { state.withLock { $0.users[name] } }

    /// Creates a user; returns false (and changes nothing) when it exists and `ifNotExists` is set.
    @discardableResult
    public func createUser(
        _ name: String, password: String, roles: [Role] = [], changeRequired: Bool = false, ifNotExists: Bool = false
    ) throws(AccessError) -> Bool {
        try User.validate(name: name)
        try User.validate(password: password)
        let hash = PasswordHash.make(password, iterations: iterations)
        return try update { s throws(AccessError) in
            if s.users[name] != nil {
                if ifNotExists { return false }
                throw AccessError(.invalidArgument, "Failed to create the specified user '\(name)': User already exists.")
            }
            let u = User(name: name, passwordHash: hash, roles: roles, passwordChangeRequired: changeRequired)
            try Self.persist(&s, kind: "user", name: name, u)
            s.users[name] = u
            return true
        }
    }

    /// Changes a user's password, status or password-change flag (nil: unchanged).
    public func alterUser(
        _ name: String, password: String? = nil, changeRequired: Bool? = nil, suspended: Bool? = nil, ifExists: Bool = false
    ) throws(AccessError) {
        if let password { try User.validate(password: password) }
        let hash = password.map { PasswordHash.make($0, iterations: iterations) }
        try update { s throws(AccessError) in
            guard var u = s.users[name] else {
                if ifExists { return }
                throw AccessError(.invalidArgument, "Failed to alter the specified user '\(name)': User does not exist.")
            }
            if let hash { u.passwordHash = hash }
            if let changeRequired { u.passwordChangeRequired = changeRequired }
            if let suspended { u.suspended = suspended }
            try Self.persist(&s, kind: "user", name: name, u)
            s.users[name] = u
        }
    }

    /// Removes a user.
    public func dropUser(_ name: String, ifExists: Bool = false) throws(AccessError) {
        try update { s throws(AccessError) in
            guard s.users[name] != nil else {
                if ifExists { return }
                throw AccessError(.invalidArgument, "Failed to delete the specified user '\(name)': User does not exist.")
            }
            let admins = s.users.values.filter { $0.roles.contains(.admin) && !$0.suspended }
            if admins.count == 1, admins[0].name == name {
                throw AccessError(.invalidArgument, "Failed to delete the specified user '\(name)': it is the last admin.")
            }
            try Self.persist(&s, kind: "user", name: name, User?.none)
            s.users[name] = nil
        }
    }

    /// Adds (`grant`) or removes roles of users: on every database, or only on `database` (a lower-cased name,
    /// checked by the caller).
    public func setRoles(_ roles: [Role], users names: [String], grant: Bool, database: String? = nil) throws(AccessError) {
        if let database {
            let key = database.lowercased()
            return try update { s throws(AccessError) in
                for name in names where s.users[name] == nil { throw AccessError(.invalidArgument, "User '\(name)' does not exist.") }
                for name in names {
                    guard var u = s.users[name] else { continue }
                    var all = u.databaseRoles ?? [:]
                    let before = Set(all[key] ?? [])
                    let after = grant ? before.union(roles) : before.subtracting(roles)
                    all[key] = after.isEmpty ? nil : after.sorted()
                    u.databaseRoles = all.isEmpty ? nil : all
                    try Self.persist(&s, kind: "user", name: name, u)
                    s.users[name] = u
                }
            }
        }
        try update { s throws(AccessError) in
            for name in names where s.users[name] == nil {
                throw AccessError(.invalidArgument, "User '\(name)' does not exist.")
            }
            for name in names {
                guard var u = s.users[name] else { continue }
                let before = Set(u.roles)
                let after = grant ? before.union(roles) : before.subtracting(roles)
                if !grant, before.contains(.admin), !after.contains(.admin),
                    s.users.values.filter({ $0.roles.contains(.admin) }).count == 1
                {
                    throw AccessError(.invalidArgument, "Cannot revoke admin from '\(name)': it is the last admin.")
                }
                u.roles = after.sorted()
                try Self.persist(&s, kind: "user", name: name, u)
                s.users[name] = u
            }
        }
    }

    /// Removes every role granted on `database` (it was dropped: a database made later under the same name does
    /// not inherit them).
    public func removeDatabaseRoles(_ database: String) throws(AccessError) {
        let key = database.lowercased()
        try update { s throws(AccessError) in
            for (name, user) in s.users where user.databaseRoles?[key] != nil {
                var u = user
                u.databaseRoles?[key] = nil
                if u.databaseRoles?.isEmpty == true { u.databaseRoles = nil }
                try Self.persist(&s, kind: "user", name: name, u)
                s.users[name] = u
            }
        }
    }

    /// The user whose name and password match (not suspended), else nil. Slow by design: one PBKDF2.
    public func verify(user name: String, password: String) -> User? {
        guard let u = user(name), !u.suspended else {
            // Hash anyway, so that a missing user takes as long as a wrong password.
            _ = PasswordHash.verify(password, against: Self.decoyHash(iterations: iterations))
            return nil
        }
        return PasswordHash.verify(password, against: u.passwordHash) ? u : nil
    }

    private static func decoyHash(iterations: Int) -> String {
        "pbkdf2-sha256$\(iterations)$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
    }

    /// Runs `body` on the state under the lock and counts a change.
    func update<R: Sendable>(_ body: (inout State) throws(AccessError) -> R) throws(AccessError) -> R {
        let r = try state.withLock { s throws(AccessError) in try body(&s) }
        changes.add(1, ordering: .releasing)
        return r
    }
}
