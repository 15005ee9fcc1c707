import HTTPTypes
import Hummingbird

private let secFetchSiteName = HTTPField.Name("Sec-Fetch-Site")!

/// Refuses requests a browser could send on another site's behalf, and requests whose body is not JSON.
///
/// - A request that can change something (POST, PUT, PATCH, DELETE) with an `Origin` header must come from
///   the server's own origin (`http(s)://` plus its `Host`) or one of `allowedOrigins`; otherwise 403
///   `ForbiddenOrigin`. Without `Origin`, `Sec-Fetch-Site: cross-site` is refused the same way. Clients
///   that are not browsers (drivers, curl) send neither and are not affected.
/// - A POST, PUT or PATCH with a body must say `Content-Type: application/json` (parameters such as
///   `charset` allowed; `application/*+json` too); otherwise 415 `UnsupportedMediaType`. A form or
///   `text/plain` post, which a browser sends cross-site without asking, never reaches a route.
/// - CORS is off unless `allowedOrigins` is set: then those origins get `Access-Control-Allow-Origin` and
///   their preflight (`OPTIONS`) requests are answered; no other origin gets CORS headers.
struct RequestGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowedOrigins: Set<String>

    init(allowedOrigins: [String]) {
        self.allowedOrigins = Set(allowedOrigins.map(Self.normalized))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let origin = request.headers[.origin].map(Self.normalized)
        let allowed = origin.map { allowedOrigins.contains($0) } ?? false
        if request.method == .options, let origin, request.headers[.accessControlRequestMethod] != nil {
            guard allowed else { throw Self.forbidden(origin) }
            return Response(
                status: .noContent,
                headers: [
                    .accessControlAllowOrigin: origin, .vary: "Origin",
                    .accessControlAllowMethods: "GET, POST, DELETE, OPTIONS",
                    .accessControlAllowHeaders: "Content-Type, Accept, Authorization",
                    .accessControlMaxAge: "600",
                ])
        }
        if Self.writes(request.method) {
            if let origin, !allowed, origin != Self.ownOrigin(request) { throw Self.forbidden(origin) }
            if origin == nil, request.headers[Self.secFetchSite]?.lowercased() == "cross-site" {
                throw Self.forbidden("a cross-site page")
            }
        }
        if request.method == .post || request.method == .put || request.method == .patch, Self.hasBody(request),
            !Self.isJSON(request.headers[.contentType])
        {
            throw APIError(
                .unsupportedMediaType, code: "UnsupportedMediaType",
                "the request body must be JSON with `Content-Type: application/json`, not "
                    + (request.headers[.contentType].map { "`\($0)`" } ?? "no content type"))
        }
        var response = try await next(request, context)
        if allowed, let origin {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers.append(HTTPField(name: .vary, value: "Origin"))
        }
        return response
    }

    static var secFetchSite: HTTPField.Name { secFetchSiteName }

    static func writes(_ method: HTTPRequest.Method) -> Bool {
        method == .post || method == .put || method == .patch || method == .delete
    }

    static func hasBody(_ request: Request) -> Bool {
        if let length = request.headers[.contentLength] { return length != "0" }
        return request.headers[.transferEncoding] != nil
    }

    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        if contentType == "application/json" { return true }  // what nearly every client sends
        let media = (contentType.split(separator: ";", maxSplits: 1).first ?? "").lowercased()
            .filter { $0 != " " && $0 != "\t" }
        return media == "application/json" || (media.hasPrefix("application/") && media.hasSuffix("+json"))
    }

    /// The origin this request was addressed to: `http://` (or the forwarded scheme) plus its Host.
    static func ownOrigin(_ request: Request) -> String? {
        guard let host = request.head.authority else { return nil }
        return normalized((request.head.scheme ?? "http") + "://" + host)
    }

    /// Lower case, without a trailing slash or the scheme's default port.
    static func normalized(_ origin: String) -> String {
        var o = origin.lowercased()
        while o.hasSuffix("/") { o.removeLast() }
        if o.hasPrefix("http://"), o.hasSuffix(":80") { o.removeLast(3) }
        if o.hasPrefix("https://"), o.hasSuffix(":443") { o.removeLast(4) }
        return o
    }

    static func forbidden(_ origin: String) -> APIError {
        APIError(
            .forbidden, code: "ForbiddenOrigin",
            "requests from \(origin) may not change this server; add the origin to the allowed origins (--allow-origin) to permit it")
    }
}
