import HTTPTypes
import Hummingbird
import Synchronization

/// The router's routes as (method, path pattern), filled once the router is built, so that a path
/// that exists under other methods can be told from one that does not exist at all.
final class RouteTable: Sendable {
    private let routes = Mutex<[(method: String, components: [Substring])]>([])

    func fill(_ list: [(method: String, path: String)]) {
        routes.withLock { $0 = list.map { ($0.method, $0.path.split(separator: "/")) } }
    }

    /// The methods registered for the routes that best match `path`: `{x}` and `:x` match any one
    /// component, and among the matching patterns only those with the most literal components
    /// count (so `/tx/commit` is not also `/tx/{txid}`).
    func methods(for path: String) -> [String] {
        let parts = path.split(separator: "/")
        let matches: [(method: String, literals: Int)] = routes.withLock { all in
            all.compactMap { r in
                guard r.components.count == parts.count else { return nil }
                var literals = 0
                for (p, q) in zip(r.components, parts) {
                    if p.first == "{" || p.first == ":" { continue }
                    guard p == q else { return nil }
                    literals += 1
                }
                return (r.method, literals)
            }
        }
        let best = matches.map(\.literals).max()
        return matches.filter { $0.literals == best }.map(\.method)
    }
}

/// Turns the router's bare 404 for a request no route matches into the server's JSON error
/// (`{"code": "NotFound", "message": …}`) naming the method and path; a path that exists under
/// other methods gets 405 `MethodNotAllowed` with an `Allow` header instead. Hummingbird marks
/// such a request with the endpoint path `NotFound`.
struct NotFoundMiddleware<Context: RequestContext>: RouterMiddleware {
    let table: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && [nil, "NotFound"].contains(context.endpointPath) {
            let allowed = Array(Set(table.methods(for: request.uri.path))).sorted()
            guard allowed.isEmpty else {
                var response = APIError(
                    .methodNotAllowed, code: "MethodNotAllowed",
                    "\(request.method.rawValue) is not allowed on \(request.uri.path); allowed: \(allowed.joined(separator: ", "))"
                ).body.response(status: .methodNotAllowed)
                response.headers[.allow] = allowed.joined(separator: ", ")
                return response
            }
            throw APIError.notFound(
                "no route for \(request.method.rawValue) \(request.uri.path) (see /openapi.json for the routes)")
        }
    }
}
