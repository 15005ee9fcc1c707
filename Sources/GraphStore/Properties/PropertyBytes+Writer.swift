/// The byte encoding of a property map of scalars, kept in the map itself (`InlineProperties`) or in one byte
/// array: no allocation per entry, and no string that needs one to be read.
///
/// Byte 0 is the number of entries; then, in key order, each entry is a head byte (the value's tag in the top
/// three bits, the key token in the low five, or 31 followed by the token as a varint when it is 31 or more)
/// and the payload: nothing for `false` (tag 1) and `true` (2), a zigzag varint for an integer (3), eight
/// little-endian bytes for a float (4), a varint length and UTF-8 bytes for a string (5). Only maps of
/// booleans, integers, floats and strings of at most 15 UTF-8 bytes (which Swift keeps in the `String`
/// itself, so reading one allocates nothing) are encoded, and at most 255 entries.
enum PropertyBytes {
    static let falseTag: UInt8 = 1, trueTag: UInt8 = 2, intTag: UInt8 = 3, doubleTag: UInt8 = 4, stringTag: UInt8 = 5
    static let longestString = 15

    /// The encoded size of entries sorted by key without nulls, or nil when they cannot be encoded.
    static func size(of entries: [PropertyEntry]) -> Int? {
        guard entries.count <= 255 else { return nil }
        var n = 1
        for e in entries {
            n += 1 + (e.key.rawValue >= 31 ? varintSize(UInt64(e.key.rawValue)) : 0)
            switch e.value {
            case .bool: break
            case .int(let i): n += varintSize(zigzag(i))
            case .double: n += 8
            case .string(let s):
                let c = s.utf8.count
                guard c <= longestString else { return nil }
                n += 1 + c
            default: return nil
            }
        }
        return n
    }

    static func encode(_ entries: [PropertyEntry], size: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            let raw = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[0..<size])
            precondition(encode(entries, into: raw) == size, "the entries' encoding is not the size computed for it")
            count = size
        }
    }

    /// Writes the count and the entries; the bytes written, or nil when they do not fit in `raw`.
    static func encode(_ entries: [PropertyEntry], into raw: UnsafeMutableRawBufferPointer) -> Int? {
        guard !raw.isEmpty, entries.count <= 255 else { return nil }
        raw[0] = UInt8(entries.count)
        var w = Writer(raw: raw, offset: 1)
        for e in entries where !w.entry(e) { return nil }
        return w.offset
    }

    static func zigzag(_ i: Int64) -> UInt64 { UInt64(bitPattern: (i << 1) ^ (i >> 63)) }

    static func varintSize(_ v: UInt64) -> Int { v == 0 ? 1 : (64 - v.leadingZeroBitCount + 6) / 7 }

    struct Writer {
        let raw: UnsafeMutableRawBufferPointer
        var offset: Int

        mutating func byte(_ b: UInt8) -> Bool {
            guard offset < raw.count else { return false }
            raw[offset] = b
            offset += 1
            return true
        }

        mutating func varint(_ v: UInt64) -> Bool {
            var v = v
            while v >= 0x80 {
                guard byte(UInt8(truncatingIfNeeded: v) | 0x80) else { return false }
                v >>= 7
            }
            return byte(UInt8(v))
        }

        mutating func entry(_ e: PropertyEntry) -> Bool {
            let tag: UInt8
            switch e.value {
            case .bool(let b): tag = b ? trueTag : falseTag
            case .int: tag = intTag
            case .double: tag = doubleTag
            case .string: tag = stringTag
            default: return false
            }
            let k = e.key.rawValue
            guard byte(tag << 5 | UInt8(min(k, 31))), k < 31 || varint(UInt64(k)) else { return false }
            switch e.value {
            case .int(let i): return varint(zigzag(i))
            case .double(let d):
                let bits = d.bitPattern
                for s in stride(from: 0, to: 64, by: 8) where !byte(UInt8(truncatingIfNeeded: bits >> UInt64(s))) {
                    return false
                }
                return true
            case .string(let s):
                guard varint(UInt64(s.utf8.count)) else { return false }
                for b in s.utf8 where !byte(b) { return false }
                return true
            default: return true
            }
        }
    }
}
