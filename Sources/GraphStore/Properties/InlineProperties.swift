/// A small property map encoded in 15 bytes, so that a `PropertyMap` holding it needs no allocation.
///
/// Byte 0 is the number of entries; then, in key order, each entry is a head byte (the value's tag in
/// the top three bits, the key token in the low five, or 31 followed by the token as a varint when it
/// is 31 or more) and the payload: nothing for `false` (tag 1) and `true` (2), a zigzag varint for an
/// integer (3), eight little-endian bytes for a float (4), a varint length and UTF-8 bytes for a string
/// (5). Lists, maps and vectors are never inline.
public struct InlineProperties: Sendable {
    @usableFromInline var w0: UInt64 = 0
    @usableFromInline var w1: UInt32 = 0
    @usableFromInline var w2: UInt16 = 0
    @usableFromInline var w3: UInt8 = 0

    init() {}

    /// Encodes entries sorted by key without nulls; `nil` when they do not fit in 15 bytes.
    init?(_ entries: [PropertyEntry]) {
        guard entries.count <= 7 else { return nil }
        let fits = withUnsafeMutableBytes(of: &self) { raw -> Bool in
            raw[0] = UInt8(entries.count)
            var w = Writer(raw: raw, at: 1)
            for e in entries where !w.entry(e) { return false }
            return true
        }
        if !fits { return nil }
    }

    @inlinable var count: Int { Int(truncatingIfNeeded: w0 & 0xFF) }

    /// The value under `key`, decoding only that entry.
    func value(of key: PropertyKeyID) -> PropertyValue? {
        withUnsafeBytes(of: self) { raw in
            var r = Reader(raw: raw, at: 1)
            for _ in 0..<Int(raw[0]) {
                let (k, tag) = r.head()
                if k == key.rawValue { return r.value(tag) }
                if k > key.rawValue { return nil }
                r.skip(tag)
            }
            return nil
        }
    }

    func cursor() -> Cursor { Cursor(bytes: self, offset: 1, remaining: count) }

    /// Decodes the entries one by one.
    struct Cursor {
        let bytes: InlineProperties
        var offset: Int
        var remaining: Int

        mutating func next() -> PropertyEntry? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            return withUnsafeBytes(of: bytes) { raw in
                var r = Reader(raw: raw, at: offset)
                let (k, tag) = r.head()
                let e = PropertyEntry(key: PropertyKeyID(k), value: r.value(tag))
                offset = r.offset
                return e
            }
        }
    }
}
