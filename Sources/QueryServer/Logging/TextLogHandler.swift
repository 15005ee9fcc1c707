#if canImport(Glibc)
import Glibc
#endif
import CypherRuntime
public import Logging

/// A swift-log handler writing one line per event to a buffered `LogSink`:
/// `2026-11-27T01:02:03.456Z info ignitabull: request key=value …` (metadata sorted by key).
public struct TextLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let sink: LogSink

    public init(label: String, sink: LogSink = .standardOutput) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The current UTC time as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func timestamp() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let seconds = Int64(ts.tv_sec)
        let day = seconds / 86_400
        let secondOfDay = seconds - day * 86_400
        let (y, m, d) = Temporal.civil(day)
        // Written digit by digit into 24 bytes: a request log line is formatted per request.
        return String(unsafeUninitializedCapacity: 24) { out in
            var i = 0
            func put(_ v: Int64, _ width: Int) {
                var v = v
                for k in stride(from: width - 1, through: 0, by: -1) {
                    out[i + k] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
                    v /= 10
                }
                i += width
            }
            func sep(_ c: UInt8) {
                out[i] = c
                i += 1
            }
            put(y, 4); sep(0x2D); put(m, 2); sep(0x2D); put(d, 2); sep(0x54)
            put(secondOfDay / 3600, 2); sep(0x3A); put(secondOfDay / 60 % 60, 2); sep(0x3A); put(secondOfDay % 60, 2)
            sep(0x2E); put(Int64(ts.tv_nsec) / 1_000_000, 3); sep(0x5A)
            return i
        }
    }

    public func log(event: LogEvent) {
        var line = "\(Self.timestamp()) \(event.level.rawValue) \(label): \(event.message)"
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        for (k, v) in all.sorted(by: { $0.key < $1.key }) { line += " \(k)=\(v)" }
        line += "\n"
        sink.write(Array(line.utf8), urgent: event.level >= .warning)
    }
}
