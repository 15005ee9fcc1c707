/// A small property map encoded in 15 bytes (`PropertyBytes`), so that a `PropertyMap` holding it needs
/// no allocation: a purchase's quantity and timestamp, a score, a short id.
public struct InlineProperties: Sendable {
    @usableFromInline var w0: UInt64 = 0
    @usableFromInline var w1: UInt32 = 0
    @usableFromInline var w2: UInt16 = 0
    @usableFromInline var w3: UInt8 = 0

    static let capacity = 15

    init() {}

    /// Encodes entries whose `PropertyBytes.size(of:)` is at most 15.
    init(encoding entries: [PropertyEntry]) {
        let written = withUnsafeMutableBytes(of: &self) { PropertyBytes.encode(entries, into: $0) }
        precondition(written != nil, "the entries do not fit in \(Self.capacity) bytes")
    }

    /// The entry count, byte 0 (the low byte of the first word: the platforms Swift runs on here are
    /// little-endian).
    @inlinable var count: Int { Int(truncatingIfNeeded: w0 & 0xFF) }
}

/// A property map's entries in a byte encoding (`PropertyBytes`): the map's own 15 bytes
/// (`InlineProperties`) or one array of bytes for a larger map.
struct PropertyCursor {
    enum Source {
        case inline(InlineProperties)
        case encoded([UInt8])
    }

    let source: Source
    var offset = 1
    var remaining: Int

    init(_ source: Source) {
        self.source = source
        switch source {
        case .inline(let b): remaining = b.count
        case .encoded(let a): remaining = Int(a[0])
        }
    }

    mutating func next() -> PropertyEntry? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        switch source {
        case .inline(let b): return withUnsafeBytes(of: b) { step($0) }
        case .encoded(let a): return a.withUnsafeBytes { step($0) }
        }
    }

    private mutating func step(_ raw: UnsafeRawBufferPointer) -> PropertyEntry {
        var r = PropertyBytes.Reader(raw: raw, at: offset)
        let (k, tag) = r.head()
        let e = PropertyEntry(key: PropertyKeyID(k), value: r.value(tag))
        offset = r.offset
        return e
    }
}
