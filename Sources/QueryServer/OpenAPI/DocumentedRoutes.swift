/// A route collection that describes its own routes for `/openapi.json` (listed in
/// `OpenAPIDocument.documentedRoutes`), so adding a route changes its collection's file and the register call.
protocol DocumentedRoutes {
    /// (path, path item) pairs, paths in OpenAPI's form (`/db/{db}/stats`).
    static var openAPIPaths: [(String, JSON)] { get }
}

extension OpenAPIDocument {
    /// The answer to a route refused to a non-admin under access control.
    static let notAnAdmin: (String, JSON) = ("403", json(ref("Error"), "Not an admin"))
    /// The answer to a path naming another database.
    static let unknownDatabase: (String, JSON) = ("404", json(ref("Error"), "Unknown database"))
    /// A 400 with the route's `{code, message}`.
    static func badRequest(_ what: String) -> (String, JSON) { ("400", json(ref("Error"), what)) }
}
