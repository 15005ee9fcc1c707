import Access
import HTTPTypes

extension ServerRequestContext {
    /// Throws 403 `Forbidden` when access control is on and the caller is not an admin (the route resolved its
    /// database first, so an unknown one is 404): the guard of the routes that maintain the database or rewrite
    /// derived data (backup, check, mining, SIMILAR_TO).
    /// - Parameter what: the action, for the message ("take a backup": "only an admin may take a backup").
    /// - Parameter database: the database the route works on (the principal's roles there apply).
    func requireAdmin(_ what: String, on database: String) throws(APIError) {
        if let p = principal, !p.roles(on: database).contains(.admin) {
            throw APIError(.forbidden, code: "Neo.ClientError.Security.Forbidden", "only an admin may \(what)")
        }
    }
}
