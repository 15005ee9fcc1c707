import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /console` and `GET /console/{file}`: the web console, plain HTML, CSS and JavaScript compiled
/// into the binary (`Package.swift` embeds each file of `Console/`), so the server finds it from any
/// working directory. A file name is looked up in a fixed table: nothing a client sends becomes a path.
/// The console talks to the server only through its public routes.
struct ConsoleRoutes: Sendable {
    /// The console's files by the name they are served under.
    static let files: [String: (bytes: ByteBuffer, type: String)] = [
        "index.html": (ByteBuffer(bytes: PackageResources.index_html), "text/html; charset=utf-8"),
        "console.css": (ByteBuffer(bytes: PackageResources.console_css), "text/css; charset=utf-8"),
        "api.js": (ByteBuffer(bytes: PackageResources.api_js), "text/javascript; charset=utf-8"),
        "app.js": (ByteBuffer(bytes: PackageResources.app_js), "text/javascript; charset=utf-8"),
        "graph.js": (ByteBuffer(bytes: PackageResources.graph_js), "text/javascript; charset=utf-8"),
        "overview.js": (ByteBuffer(bytes: PackageResources.overview_js), "text/javascript; charset=utf-8"),
        "query.js": (ByteBuffer(bytes: PackageResources.query_js), "text/javascript; charset=utf-8"),
        "recs.js": (ByteBuffer(bytes: PackageResources.recs_js), "text/javascript; charset=utf-8"),
        "search.js": (ByteBuffer(bytes: PackageResources.search_js), "text/javascript; charset=utf-8"),
        "ui.js": (ByteBuffer(bytes: PackageResources.ui_js), "text/javascript; charset=utf-8"),
    ]

    /// Same-origin only: the console loads nothing from elsewhere and calls only this server.
    static let policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

    func register(on router: Router<ServerRequestContext>) {
        router.get("console") { _, _ in try Self.file("index.html") }
        router.get("console/:file") { _, context in try Self.file(context.parameters.get("file") ?? "") }
    }

    static func file(_ name: String) throws(APIError) -> Response {
        guard let file = files[name] else {
            throw APIError.notFound("no console file `\(name)` (the console lives at /console)")
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: file.type, .cacheControl: "no-cache", .contentSecurityPolicy: policy,
                HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            ],
            body: .init(byteBuffer: file.bytes))
    }
}
