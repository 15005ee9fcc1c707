/// Neo4j's built-in roles. Each includes the one before it: a reader reads; an editor and a publisher also
/// write data; an architect also changes the schema (indexes, constraints); an admin also manages users,
/// roles, keys and databases.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case reader, editor, publisher, architect, admin

    /// What a request or statement needs.
    public enum Action: String, Sendable, Comparable {
        case read, write, schema, admin

        private var rank: Int { [.read: 0, .write: 1, .schema: 2, .admin: 3][self] ?? 3 }
        public static func < (a: Action, b: Action) -> Bool { a.rank < b.rank }
    }

    /// The highest action this role allows.
    var ceiling: Action {
        switch self {
        case .reader: .read
        case .editor, .publisher: .write
        case .architect: .schema
        case .admin: .admin
        }
    }

    public func allows(_ action: Action) -> Bool { action <= ceiling }

    private var rank: Int { Role.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }

    /// The role named `name` (case-insensitive), or an `invalidArgument` error listing the roles.
    public static func named(_ name: String) throws(AccessError) -> Role {
        guard let r = Role(rawValue: name.lowercased()) else {
            throw AccessError(
                .invalidArgument,
                "Role '\(name)' does not exist; the roles are \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return r
    }
}
