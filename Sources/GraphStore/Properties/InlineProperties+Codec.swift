extension InlineProperties {
    static let falseTag: UInt8 = 1, trueTag: UInt8 = 2, intTag: UInt8 = 3, doubleTag: UInt8 = 4, stringTag: UInt8 = 5

    /// Writes entries into the 15 bytes; every write reports whether it still fitted.
    struct Writer {
        let raw: UnsafeMutableRawBufferPointer
        var offset: Int

        init(raw: UnsafeMutableRawBufferPointer, at offset: Int) {
            self.raw = raw
            self.offset = offset
        }

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
            case .int(let i): return varint(UInt64(bitPattern: (i << 1) ^ (i >> 63)))
            case .double(let d):
                let bits = d.bitPattern
                for s in stride(from: 0, to: 64, by: 8) where !byte(UInt8(truncatingIfNeeded: bits >> UInt64(s))) {
                    return false
                }
                return true
            case .string(let s):
                let n = s.utf8.count
                guard n <= raw.count, varint(UInt64(n)), offset + n <= raw.count else { return false }
                for b in s.utf8 { raw[offset] = b; offset += 1 }
                return true
            default: return true
            }
        }
    }
}
