import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Where the log handlers write: standard output, buffered. Lines are collected and written at
/// most every 100 ms (or when 64 KiB are waiting, or at once for warnings and worse), so that a
/// busy server makes a few writes a second instead of one system call per request. `flush()`
/// writes what is waiting; the server calls it when it stops.
public final class LogSink: Sendable {
    public static let standardOutput = LogSink(descriptor: 1)

    private let descriptor: Int32
    private let pending = Mutex<[UInt8]>([])
    private let timer: Mutex<(any DispatchSourceTimer)?> = Mutex(nil)

    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    private func startTimerIfNeeded() {
        timer.withLock { t in
            guard t == nil else { return }
            let source = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
            source.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100))
            source.setEventHandler { [weak self] in self?.flush() }
            source.resume()
            t = source
        }
    }

    /// Queues one line (with its newline); writes now when `urgent` or when enough is waiting.
    func write(_ line: [UInt8], urgent: Bool) {
        let full = pending.withLock { p in
            p.append(contentsOf: line)
            return p.count >= 64 << 10
        }
        if urgent || full { flush() } else { startTimerIfNeeded() }
    }

    /// Writes everything waiting.
    public func flush() {
        let bytes = pending.withLock { p -> [UInt8] in
            let out = p
            p.removeAll(keepingCapacity: true)
            return out
        }
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBufferPointer { b in
            var offset = 0
            while offset < b.count {
                let n = Glibc.write(descriptor, b.baseAddress! + offset, b.count - offset)
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }
}
