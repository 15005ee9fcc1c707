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
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2))"
            + ":\(pad(secondOfDay % 60, 2)).\(pad(Int64(ts.tv_nsec) / 1_000_000, 3))Z"
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
