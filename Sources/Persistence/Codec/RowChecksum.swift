/// The CRC-32 stored beside every row of the graph's tables (column `crc`), computed over the
/// row's values in a fixed order, each integer as 8 little-endian bytes and each text or blob as
/// its byte length then its bytes. A flipped bit in a stored value, in the record header that
/// says how long or of what type a value is, or in a row's id, changes what is read back and so
/// no longer matches the checksum; the loader and `check` report the row then.
///
/// CRC-32 is IEEE 802.3 (reflected polynomial 0xEDB88320), the checksum zlib and the vector
/// index files use. It detects every single-bit and every burst error of up to 32 bits.
struct RowChecksum {
    private static let table: [UInt32] = (0..<256).map { i in
        var c = UInt32(i)
        for _ in 0..<8 { c = (c & 1) != 0 ? (0xEDB8_8320 ^ (c >> 1)) : (c >> 1) }
        return c
    }

    private var state: UInt32 = 0xFFFF_FFFF

    init() {}

    private mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var c = state
        Self.table.withUnsafeBufferPointer { t in
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        state = c
    }

    mutating func int(_ v: Int64) {
        var le = v.littleEndian
        withUnsafeBytes(of: &le) { update($0) }
    }

    mutating func int(_ v: Int) { int(Int64(v)) }

    mutating func bytes(_ b: UnsafeRawBufferPointer) {
        int(b.count)
        update(b)
    }

    mutating func bytes(_ b: [UInt8]) { b.withUnsafeBytes { bytes($0) } }

    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }

    /// The checksum, as stored (a non-negative SQLite integer).
    var value: Int64 { Int64(state ^ 0xFFFF_FFFF) }

    /// The checksum of `fields`, in order.
    static func of(_ fields: Field...) -> Int64 {
        var c = RowChecksum()
        for f in fields {
            switch f {
            case .int(let v): c.int(v)
            case .text(let s): c.text(s)
            case .bytes(let b): c.bytes(b)
            }
        }
        return c.value
    }

    enum Field {
        case int(Int64)
        case text(String)
        case bytes([UInt8])
    }
}

extension RowChecksum {
    // The checksum of each table's rows: the columns in this order.

    static func meta(key: String, value: String) -> Int64 { of(.text(key), .text(value)) }

    static func token(kind: Int64, id: Int64, name: [UInt8]) -> Int64 { of(.int(kind), .int(id), .bytes(name)) }

    static func node(id: Int64, labels: [UInt8], properties: [UInt8]) -> Int64 {
        of(.int(id), .bytes(labels), .bytes(properties))
    }

    static func relationship(id: Int64, type: Int64, source: Int64, target: Int64, properties: [UInt8]) -> Int64 {
        of(.int(id), .int(type), .int(source), .int(target), .bytes(properties))
    }

    static func relationshipBlock(block: Int64, data: UnsafeRawBufferPointer) -> Int64 {
        var c = RowChecksum()
        c.int(block)
        c.bytes(data)
        return c.value
    }

    static func constraint(name: [UInt8], label: Int64, key: Int64, kind: Int64 = 0, moreKeys: [UInt8] = []) -> Int64 {
        kind == 0 && moreKeys.isEmpty
            ? of(.bytes(name), .int(label), .int(key)) : of(.bytes(name), .int(label), .int(key), .int(kind), .bytes(moreKeys))
    }

    static func vectorIndex(
        name: [UInt8], label: [UInt8], key: [UInt8], dimensions: Int64, similarity: [UInt8], lists: Int64, fileID: Int64,
        sequence: Int64
    ) -> Int64 {
        of(.bytes(name), .bytes(label), .bytes(key), .int(dimensions), .bytes(similarity), .int(lists), .int(fileID),
           .int(sequence))
    }

    static func log(sequence: Int64, committedAt: Int64, count: Int64, payload: [UInt8]) -> Int64 {
        of(.int(sequence), .int(committedAt), .int(count), .bytes(payload))
    }
}
