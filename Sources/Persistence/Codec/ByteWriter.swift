/// Appends the storage encoding's primitives to a byte buffer: LEB128 varints, zigzag signed
/// integers, little-endian IEEE floats, and length-prefixed UTF-8 strings.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func varint(_ v: Int) { varint(UInt64(v)) }

    mutating func signed(_ v: Int64) { varint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }

    mutating func double(_ d: Double) {
        let b = d.bitPattern
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: b >> (8 * UInt64(i)))) }
    }

    mutating func float(_ f: Float) {
        let b = f.bitPattern
        for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: b >> (8 * UInt32(i)))) }
    }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { u in
            varint(u.count)
            bytes.append(contentsOf: u)
        }
    }

    mutating func byte(_ b: UInt8) { bytes.append(b) }
}

/// Reads what `ByteWriter` wrote; every read is bounds-checked and a short or malformed buffer
/// throws rather than reading past the end.
struct ByteReader {
    let buffer: UnsafeRawBufferPointer
    var position = 0

    init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

    var atEnd: Bool { position >= buffer.count }

    struct Malformed: Error {}

    mutating func byte() throws(Malformed) -> UInt8 {
        guard position < buffer.count else { throw Malformed() }
        defer { position += 1 }
        return buffer[position]
    }

    mutating func varint() throws(Malformed) -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw Malformed() }
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
    }

    mutating func count() throws(Malformed) -> Int {
        let v = try varint()
        guard v <= UInt64(buffer.count) * 8 + 1_000_000 else { throw Malformed() }
        return Int(v)
    }

    mutating func signed() throws(Malformed) -> Int64 {
        let u = try varint()
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    mutating func double() throws(Malformed) -> Double {
        guard position + 8 <= buffer.count else { throw Malformed() }
        var b: UInt64 = 0
        for i in 0..<8 { b |= UInt64(buffer[position + i]) << (8 * UInt64(i)) }
        position += 8
        return Double(bitPattern: b)
    }

    mutating func float() throws(Malformed) -> Float {
        guard position + 4 <= buffer.count else { throw Malformed() }
        var b: UInt32 = 0
        for i in 0..<4 { b |= UInt32(buffer[position + i]) << (8 * UInt32(i)) }
        position += 4
        return Float(bitPattern: b)
    }

    mutating func string() throws(Malformed) -> String {
        let n = try count()
        guard position + n <= buffer.count else { throw Malformed() }
        defer { position += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[position..<(position + n)]), as: UTF8.self)
    }
}
