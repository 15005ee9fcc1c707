extension Neo4jMirror {
    /// The mirror's lines for `/metrics`, in the Prometheus text format: lag in log entries and
    /// seconds, delivered batches, mutations and requests, retries, whether it stopped, and the last
    /// error as an info series.
    public func prometheusText() -> String {
        let s = try? status()
        let st = statistics
        var out = ""
        func series(_ name: String, _ type: String, _ help: String, _ value: String) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
        }
        series("ignitabull_mirror_lag_entries", "gauge", "Committed log entries the mirror target has not acknowledged.", "\(s?.lagEntries ?? -1)")
        series("ignitabull_mirror_lag_seconds", "gauge", "Age of the oldest log entry not yet acknowledged by the mirror target.", "\(s?.lagSeconds ?? -1)")
        series("ignitabull_mirror_cursor", "gauge", "The last log sequence the mirror target acknowledged.", "\(s?.cursor ?? 0)")
        series("ignitabull_mirror_batches_total", "counter", "Batches the mirror target acknowledged.", "\(st.deliveredBatches)")
        series("ignitabull_mirror_mutations_total", "counter", "Mutations the mirror target acknowledged.", "\(st.deliveredMutations)")
        series("ignitabull_mirror_requests_total", "counter", "Requests (target transactions) that succeeded.", "\(st.deliveredRequests)")
        series("ignitabull_mirror_retries_total", "counter", "Requests retried after a transient error.", "\(st.retries)")
        series("ignitabull_mirror_stopped", "gauge", "1 when the mirror stopped on a permanent error.", st.stopped ? "1" : "0")
        if let e = st.lastError {
            var escaped = ""
            for c in e.unicodeScalars {
                switch c {
                case "\\": escaped += "\\\\"
                case "\"": escaped += "\\\""
                case "\n": escaped += "\\n"
                default: escaped.unicodeScalars.append(c)
                }
            }
            series("ignitabull_mirror_last_error_info", "gauge", "The mirror's last error (cleared by the next success).", "")
            out.removeLast(2)  // the value goes after the labels
            out += "{message=\"\(escaped)\"} 1\n"
        }
        return out
    }
}
