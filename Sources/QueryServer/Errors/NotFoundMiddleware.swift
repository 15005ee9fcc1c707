import Hummingbird

/// Turns the router's bare 404 for a path no route matches into the server's JSON error
/// (`{"code": "NotFound", "message": …}`), naming the method and path so a typo is easy to see.
/// Hummingbird marks such a request with the endpoint path `NotFound`.
struct NotFoundMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && [nil, "NotFound"].contains(context.endpointPath) {
            throw APIError.notFound(
                "no route for \(request.method.rawValue) \(request.uri.path) (see /openapi.json for the routes)")
        }
    }
}
