/// The body of `EXISTS { ... }` / `COUNT { ... }`.
public enum SubqueryBody: Sendable, Hashable {
    case pattern([PatternPart], where: Expression?)
    case query(Query)
}
