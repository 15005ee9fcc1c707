import Synchronization

/// Request counts and latency histograms per route and status, rendered in the Prometheus text format.
public final class RequestMetrics: Sendable {
    /// Latency bucket upper bounds, in seconds.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private struct Series {
        var count = 0
        var sum = 0.0
        var buckets = [Int](repeating: 0, count: RequestMetrics.buckets.count)
    }

    private let series = Mutex<[String: Series]>([:])
    private let queries = Mutex<[String: Int]>([:])

    public init() {}

    func record(method: String, route: String, status: Int, seconds: Double) {
        let key = "method=\"\(PrometheusText.escape(method))\",route=\"\(PrometheusText.escape(route))\",status=\"\(status)\""
        series.withLock { all in
            var s = all[key, default: Series()]
            s.count += 1
            s.sum += seconds
            for (i, bound) in Self.buckets.enumerated() where seconds <= bound { s.buckets[i] += 1 }
            all[key] = s
        }
    }

    /// Counts one Cypher statement run through `endpoint` (`cypher` or `tx`).
    func recordQuery(endpoint: String, ok: Bool) {
        let key = "endpoint=\"\(endpoint)\",outcome=\"\(ok ? "ok" : "error")\""
        queries.withLock { $0[key, default: 0] += 1 }
    }

    /// The metrics in the Prometheus text exposition format.
    /// - Parameters:
    ///   - counters: further monotonic counts (Prometheus type `counter`; names end in `_total`).
    ///   - extra: further gauges.
    func render(counters: [(name: String, help: String, value: Int)] = [], extra: [(name: String, help: String, value: Int)]) -> String {
        var out = "# HELP ignitabull_http_requests_total HTTP requests by method, route and status.\n"
        out += "# TYPE ignitabull_http_requests_total counter\n"
        let snapshot = series.withLock { $0 }.sorted { $0.key < $1.key }
        for (labels, s) in snapshot { out += "ignitabull_http_requests_total{\(labels)} \(s.count)\n" }
        out += "# HELP ignitabull_http_request_duration_seconds HTTP request latency.\n"
        out += "# TYPE ignitabull_http_request_duration_seconds histogram\n"
        for (labels, s) in snapshot {
            for (i, bound) in Self.buckets.enumerated() {
                out += "ignitabull_http_request_duration_seconds_bucket{\(labels),le=\"\(bound)\"} \(s.buckets[i])\n"
            }
            out += "ignitabull_http_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} \(s.count)\n"
            out += "ignitabull_http_request_duration_seconds_sum{\(labels)} \(s.sum)\n"
            out += "ignitabull_http_request_duration_seconds_count{\(labels)} \(s.count)\n"
        }
        out += "# HELP ignitabull_queries_total Cypher statements run, by endpoint and outcome.\n"
        out += "# TYPE ignitabull_queries_total counter\n"
        for (labels, n) in queries.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            out += "ignitabull_queries_total{\(labels)} \(n)\n"
        }
        for c in counters {
            out += "# HELP \(c.name) \(c.help)\n# TYPE \(c.name) counter\n\(c.name) \(c.value)\n"
        }
        for e in extra {
            out += "# HELP \(e.name) \(e.help)\n# TYPE \(e.name) gauge\n\(e.name) \(e.value)\n"
        }
        for p in ProcessMetrics.sample() {
            let value = p.value == p.value.rounded() && abs(p.value) < 1e15 ? String(Int64(p.value)) : String(p.value)
            out += "# HELP \(p.name) \(p.help)\n# TYPE \(p.name) \(p.type)\n\(p.name) \(value)\n"
        }
        return out
    }
}
