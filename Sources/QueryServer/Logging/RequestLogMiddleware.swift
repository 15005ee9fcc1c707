import HTTPTypes
import Hummingbird
import Logging

private let requestIDName = HTTPField.Name("X-Request-ID")!

/// Gives each request an id (the client's `X-Request-ID` when it sends a sane one), puts it in the
/// request's logger metadata and in the response's `X-Request-ID` header, and logs one line per
/// request: method, route, status and duration.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    static var header: HTTPField.Name { requestIDName }

    /// A client-supplied id is used only if it is short and plain.
    static func acceptable(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 128
            && id.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id = request.headers[Self.header].flatMap { Self.acceptable($0) ? $0 : nil } ?? context.id
        context.logger[metadataKey: "request_id"] = .string(id)
        let clock = ContinuousClock()
        let start = clock.now
        do {
            var response = try await next(request, context)
            response.headers[Self.header] = id
            log(request, context, status: Int(response.status.code), clock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, context, status: Int(status), clock.now - start, error: error)
            // Errors become responses later; carry the id on them too.
            throw RequestIDError(base: error, id: id)
        }
    }

    private func log(_ request: Request, _ context: Context, status: Int, _ elapsed: Duration, error: (any Error)? = nil) {
        let ms = Double(elapsed.components.attoseconds) * 1e-15 + Double(elapsed.components.seconds) * 1e3
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue), "path": .string(request.uri.path),
            "route": .string(context.endpointPath ?? "unmatched"), "status": .stringConvertible(status),
            "duration_ms": .string(String(Double(Int(ms * 1000)) / 1000)),
        ]
        if let e = error as? APIError {
            metadata["error_code"] = .string(e.code)
            metadata["error"] = .string(e.message)
        } else if let error {
            metadata["error"] = .string("\(error)")
        }
        let level: Logger.Level = status >= 500 ? .error : .info
        context.logger.log(level: level, "request", metadata: metadata)
    }
}

/// An error on its way to becoming a response, with the request id to put on it.
struct RequestIDError: HTTPResponseError {
    let base: any Error
    let id: String

    var status: HTTPResponse.Status { (base as? any HTTPResponseError)?.status ?? .internalServerError }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response: Response
        if let e = base as? any HTTPResponseError {
            response = try e.response(from: request, context: context)
        } else {
            // Never leak an unexpected error's text to the client; it is in the log.
            response = APIError(.internalServerError, code: "InternalError", "internal error (request \(id))")
                .body.response(status: .internalServerError)
        }
        response.headers[RequestLogMiddleware<ServerRequestContext>.header] = id
        return response
    }
}
