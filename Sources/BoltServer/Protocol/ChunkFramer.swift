/// Bolt's message framing: a message is sent as chunks (a two-byte big-endian size, then that many bytes)
/// ended by an empty chunk. An empty chunk between messages is a keep-alive (NOOP) and is skipped.
public struct ChunkFramer: Sendable {
    /// The largest message accepted, in bytes; a larger one is a protocol violation (the connection closes).
    public let maxMessageBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var message: [UInt8] = []

    public init(maxMessageBytes: Int = 64 << 20) { self.maxMessageBytes = maxMessageBytes }

    /// Bytes received and not yet part of a whole message (for telling a clean close from a truncated one).
    public var pendingBytes: Int { buffer.count - start + message.count }

    /// Adds received bytes and returns the messages they complete, in order.
    /// - Throws: `BoltError.protocolViolation` when a message grows past `maxMessageBytes`.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(BoltError) -> [[UInt8]] {
        buffer.append(contentsOf: bytes)
        var out: [[UInt8]] = []
        while buffer.count - start >= 2 {
            let size = Int(buffer[start]) << 8 | Int(buffer[start + 1])
            if size == 0 {
                start += 2
                if !message.isEmpty {
                    out.append(message)
                    message = []
                }
                continue
            }
            guard buffer.count - start >= 2 + size else { break }
            guard message.count + size <= maxMessageBytes else {
                throw BoltError.protocolViolation("a message is larger than \(maxMessageBytes) bytes")
            }
            message.append(contentsOf: buffer[start + 2 ..< start + 2 + size])
            start += 2 + size
        }
        if start > 4096 || start == buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        return out
    }

    /// One message as chunks of at most 65,535 bytes and the end marker.
    public static func frame(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + 4 + message.count / 65535 * 2)
        var i = 0
        while i < message.count {
            let n = min(65535, message.count - i)
            out.append(UInt8(n >> 8))
            out.append(UInt8(n & 0xFF))
            out.append(contentsOf: message[i ..< i + n])
            i += n
        }
        out.append(0)
        out.append(0)
        return out
    }
}
