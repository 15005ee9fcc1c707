import Hummingbird

/// Times every request and records it under its route pattern (not the raw path, so ids do not
/// make a series each).
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: RequestMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let route = context.endpointPath ?? "unmatched"
        do {
            let response = try await next(request, context)
            record(request, route, Int(response.status.code), clock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request, route, Int(status), clock.now - start)
            throw error
        }
    }

    private func record(_ request: Request, _ route: String, _ status: Int, _ elapsed: Duration) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        metrics.record(method: request.method.rawValue, route: route, status: status, seconds: seconds)
    }
}
