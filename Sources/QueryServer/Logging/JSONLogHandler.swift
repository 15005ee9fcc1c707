public import Logging

/// A swift-log handler that writes one JSON object per line to a buffered `LogSink` (standard output):
/// `{"ts":…,"level":…,"logger":…,"msg":…, <metadata>…}`. Log collectors parse it without rules.
public struct JSONLogHandler: LogHandler {
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

    static func json(_ v: Logger.Metadata.Value) -> JSON {
        switch v {
        case .string(let s): .string(s)
        case .stringConvertible(let c): .string(c.description)
        case .array(let a): .array(a.map(json))
        case .dictionary(let d): .object(d.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) })
        }
    }

    public func log(event: LogEvent) {
        var fields: [(String, JSON)] = [
            ("ts", .string(TextLogHandler.timestamp())),
            ("level", .string(event.level.rawValue)), ("logger", .string(label)), ("msg", .string(event.message.description)),
        ]
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        for (k, v) in all.sorted(by: { $0.key < $1.key }) { fields.append((k, Self.json(v))) }
        var line = JSON.object(fields).serialized()
        line.append(0x0A)
        sink.write(line, urgent: event.level >= .warning)
    }
}
