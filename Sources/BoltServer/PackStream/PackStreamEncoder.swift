/// Writes PackStream v1: the smallest marker for each integer, string, list, map and structure size.
public struct PackStreamEncoder: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// The encoding of one value.
    public static func encode(_ value: PackValue) -> [UInt8] {
        var e = PackStreamEncoder()
        e.write(value)
        return e.bytes
    }

    public mutating func write(_ value: PackValue) {
        switch value {
        case .null: bytes.append(0xC0)
        case .bool(let b): bytes.append(b ? 0xC3 : 0xC2)
        case .int(let i): writeInt(i)
        case .float(let d):
            bytes.append(0xC1)
            append(d.bitPattern)
        case .bytes(let b):
            writeSize(b.count, tiny: nil, small: 0xCC, medium: 0xCD, large: 0xCE)
            bytes.append(contentsOf: b)
        case .string(let s):
            let utf8 = Array(s.utf8)
            writeSize(utf8.count, tiny: 0x80, small: 0xD0, medium: 0xD1, large: 0xD2)
            bytes.append(contentsOf: utf8)
        case .list(let items):
            writeSize(items.count, tiny: 0x90, small: 0xD4, medium: 0xD5, large: 0xD6)
            for item in items { write(item) }
        case .map(let entries):
            writeSize(entries.count, tiny: 0xA0, small: 0xD8, medium: 0xD9, large: 0xDA)
            for (k, v) in entries {
                write(.string(k))
                write(v)
            }
        case .structure(let tag, let fields):
            // Structures hold at most 15 fields (a 4-bit size); every Bolt structure fits.
            precondition(fields.count < 16, "a PackStream structure holds at most 15 fields")
            bytes.append(0xB0 | UInt8(fields.count))
            bytes.append(tag)
            for f in fields { write(f) }
        }
    }

    private mutating func writeInt(_ i: Int64) {
        if (-16...127).contains(i) {
            bytes.append(UInt8(bitPattern: Int8(i)))
        } else if (-128 ..< -16).contains(i) {
            bytes.append(0xC8)
            bytes.append(UInt8(bitPattern: Int8(i)))
        } else if (-32768...32767).contains(i) {
            bytes.append(0xC9)
            append(UInt16(bitPattern: Int16(i)))
        } else if (-2_147_483_648...2_147_483_647).contains(i) {
            bytes.append(0xCA)
            append(UInt32(bitPattern: Int32(i)))
        } else {
            bytes.append(0xCB)
            append(UInt64(bitPattern: i))
        }
    }

    private mutating func writeSize(_ n: Int, tiny: UInt8?, small: UInt8, medium: UInt8, large: UInt8) {
        if let tiny, n < 16 {
            bytes.append(tiny | UInt8(n))
        } else if n <= 0xFF {
            bytes.append(small)
            bytes.append(UInt8(n))
        } else if n <= 0xFFFF {
            bytes.append(medium)
            append(UInt16(n))
        } else {
            bytes.append(large)
            append(UInt32(truncatingIfNeeded: n))
        }
    }

    private mutating func append<T: FixedWidthInteger>(_ v: T) {
        var be = v.bigEndian
        withUnsafeBytes(of: &be) { bytes.append(contentsOf: $0) }
    }
}
