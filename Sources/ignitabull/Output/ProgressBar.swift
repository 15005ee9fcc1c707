#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Progress on standard error: a redrawn bar on a terminal, a line every 25% otherwise,
/// so that logs stay short. Thread-safe.
final class ProgressBar: Sendable {
    private let title: String
    private let interactive: Bool
    private let state = Mutex<(lastPercent: Int, label: String)>((-1, ""))

    init(title: String) {
        self.title = title
        interactive = isatty(2) != 0
    }

    func update(done: Int, total: Int, label: String? = nil) {
        guard total > 0 else { return }
        let percent = min(100, done * 100 / total)
        let text: String? = state.withLock { s in
            let step = interactive ? 1 : 25
            guard percent / step != s.lastPercent / step || (label != nil && label != s.label) else { return nil }
            s.lastPercent = percent
            if let label { s.label = label }
            let filled = percent / 4
            let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: 25 - filled)
            let name = s.label.isEmpty ? title : "\(title) \(s.label)"
            return interactive ? "\r\(name) [\(bar)] \(percent)%" : "\(name): \(percent)%\n"
        }
        if let text { write(text) }
    }

    func step(_ name: String) {
        write(interactive ? "\r\(title): \(name)\u{1B}[K" : "\(title): \(name)\n")
    }

    func finish() {
        if interactive { write("\r\u{1B}[K") }
    }

    private func write(_ s: String) {
        var s = s
        s.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
