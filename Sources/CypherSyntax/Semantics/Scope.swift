/// The variables visible at a point of a query, with their inferred types.
struct Scope: Sendable {
    var variables: [String: StaticType] = [:]

    subscript(name: String) -> StaticType? {
        get { variables[name] }
        set { variables[name] = newValue }
    }

    func contains(_ name: String) -> Bool { variables[name] != nil }
    var isEmpty: Bool { variables.isEmpty }
}
