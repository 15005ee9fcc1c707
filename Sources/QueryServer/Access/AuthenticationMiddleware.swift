import Access
import HTTPTypes
import Hummingbird

/// Authenticates every request but `GET /health`: HTTP basic auth (a user) or `Authorization: Bearer`
/// (an API key). A verified header is served from the authenticator's cache on the request's own thread;
/// only a miss hashes (PBKDF2), off the cooperative pool. Then the coarse checks that need no body: a key
/// sees only its own database (others are 404, so they are not revealed), and bulk upserts need `write`.
/// Statements are checked one by one by `StatementGuard`.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let access: AccessControl

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path == "/health" { return try await next(request, context) }
        var context = context
        let header = request.headers[.authorization]
        if let hit = access.authenticator.cached(authorization: header) {
            context.principal = hit
        } else {
            let source = context.source
            let authenticator = access.authenticator
            let result: Result<Principal, AccessError> = await BlockingWork.run {
                do throws(AccessError) { return .success(try authenticator.authenticate(authorization: header, source: source)) } catch {
                    return .failure(error)
                }
            }
            switch result {
            case .success(let p): context.principal = p
            case .failure(let e): return e.response
            }
        }
        guard let principal = context.principal else { return AccessError(.unauthorized, "No principal.").response }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if parts.count >= 2, parts[0] == "db", parts[1] != "data" {
            let name = String(parts[1])
            guard principal.canSee(database: name) else { return AccessError.databaseHidden(name).response }
            if request.method == .post, parts.count == 3, parts[2] == "nodes" || parts[2] == "relationships" {
                do throws(AccessError) { try principal.require(.write, on: name, "A bulk upsert") } catch { return error.response }
            }
        } else if parts.first == "db" {
            // The legacy /db/data paths mean the default database.
            guard principal.canSee(database: QueryServer.defaultDatabase) else {
                return AccessError.databaseHidden(QueryServer.defaultDatabase).response
            }
        }
        do throws(AccessError) { try access.limiter.enter(principal) } catch { return error.response }
        defer { access.limiter.leave(principal) }
        return try await next(request, context)
    }
}
