public import Foundation
import Synchronization

/// The audit log: authentication failures, user, role and key changes, schema changes. One JSON object a
/// line (`time`, `event`, `user`, `source`, `detail`), appended to a file when one is given, and the most
/// recent events kept in memory (`recent`).
public final class AuditLog: Sendable {
    public struct Event: Sendable, Hashable {
        public var time: Date
        public var event: String
        public var user: String
        public var source: String
        public var detail: String
    }

    public let path: String?
    private let state: Mutex<(recent: [Event], handle: FileHandle?)>
    private let keep = 10_000

    /// A log appended to `path` (created readable by its owner only), or in memory only when nil.
    public init(path: String? = nil) throws(AccessError) {
        self.path = path
        var handle: FileHandle?
        if let path {
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            guard let h = FileHandle(forWritingAtPath: path) else { throw AccessError(.storage, "\(path): cannot open the audit log") }
            h.seekToEndOfFile()
            handle = h
        }
        state = Mutex((recent: [], handle: handle))
    }

    /// Records one event.
    public func record(_ event: String, user: String, source: String, _ detail: String = "") {
        let e = Event(time: Date(), event: event, user: user, source: source, detail: detail)
        let line = Self.line(e)
        state.withLock { s in
            s.recent.append(e)
            if s.recent.count > keep { s.recent.removeFirst(s.recent.count - keep / 2) }
            s.handle?.write(Data(line.utf8))
        }
    }

    /// The events still in memory, oldest first.
    public var recent: [Event] { state.withLock { $0.recent } }

    static func line(_ e: Event) -> String {
        let fields: [String: String] = [
            "time": ISO8601DateFormatter().string(from: e.time), "event": e.event, "user": e.user, "source": e.source,
            "detail": e.detail,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
