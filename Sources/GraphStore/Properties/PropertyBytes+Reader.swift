extension PropertyBytes {
    /// The value under `key` in encoded entries, decoding only that entry.
    static func value(of key: PropertyKeyID, in raw: UnsafeRawBufferPointer) -> PropertyValue? {
        var r = Reader(raw: raw, at: 1)
        for _ in 0..<Int(raw[0]) {
            let (k, tag) = r.head()
            if k == key.rawValue { return r.value(tag) }
            if k > key.rawValue { return nil }
            r.skip(tag)
        }
        return nil
    }

    /// Reads entries the `Writer` wrote; the bytes come from a writer, so they are trusted.
    struct Reader {
        let raw: UnsafeRawBufferPointer
        var offset: Int

        init(raw: UnsafeRawBufferPointer, at offset: Int) {
            self.raw = raw
            self.offset = offset
        }

        mutating func byte() -> UInt8 {
            let b = raw[offset]
            offset += 1
            return b
        }

        mutating func varint() -> UInt64 {
            var v: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = byte()
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return v }
                shift += 7
            }
        }

        /// The entry's key token and value tag.
        mutating func head() -> (key: UInt32, tag: UInt8) {
            let h = byte()
            let low = UInt32(h & 31)
            return (low == 31 ? UInt32(truncatingIfNeeded: varint()) : low, h >> 5)
        }

        mutating func value(_ tag: UInt8) -> PropertyValue {
            switch tag {
            case PropertyBytes.falseTag: return .bool(false)
            case PropertyBytes.trueTag: return .bool(true)
            case PropertyBytes.intTag:
                let z = varint()
                return .int(Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1))
            case PropertyBytes.doubleTag:
                var bits: UInt64 = 0
                for s in stride(from: 0, to: 64, by: 8) { bits |= UInt64(byte()) << UInt64(s) }
                return .double(Double(bitPattern: bits))
            default:
                let n = Int(varint())
                defer { offset += n }
                return .string(String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + n]), as: UTF8.self))
            }
        }

        /// Steps over a value without decoding it.
        mutating func skip(_ tag: UInt8) {
            switch tag {
            case PropertyBytes.intTag: _ = varint()
            case PropertyBytes.doubleTag: offset += 8
            case PropertyBytes.stringTag: offset += Int(varint())
            default: break
            }
        }
    }
}
