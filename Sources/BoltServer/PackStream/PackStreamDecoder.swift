/// Reads PackStream v1 from a complete message, refusing truncated input, unknown markers, sizes past the
/// end of the message and nesting deeper than `maxDepth`.
public struct PackStreamDecoder: Sendable {
    private let bytes: [UInt8]
    private var position = 0
    /// The deepest nesting of lists, maps and structures accepted (a guard against stack exhaustion).
    public var maxDepth = 64

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { position == bytes.count }

    /// Decodes one value that must span the whole input.
    public static func decode(_ bytes: [UInt8]) throws(BoltError) -> PackValue {
        var d = PackStreamDecoder(bytes)
        let v = try d.read()
        guard d.isAtEnd else { throw BoltError.protocolViolation("\(bytes.count - d.position) bytes after the value") }
        return v
    }

    public mutating func read() throws(BoltError) -> PackValue { try read(depth: 0) }

    private mutating func read(depth: Int) throws(BoltError) -> PackValue {
        guard depth <= maxDepth else { throw BoltError.protocolViolation("values nested deeper than \(maxDepth)") }
        let marker = try byte()
        switch marker {
        case 0x00...0x7F: return .int(Int64(marker))
        case 0xF0...0xFF: return .int(Int64(Int8(bitPattern: marker)))
        case 0x80...0x8F: return .string(try string(Int(marker & 0x0F)))
        case 0x90...0x9F: return .list(try list(Int(marker & 0x0F), depth))
        case 0xA0...0xAF: return .map(try map(Int(marker & 0x0F), depth))
        case 0xB0...0xBF:
            let tag = try byte()
            var fields: [PackValue] = []
            for _ in 0 ..< Int(marker & 0x0F) { fields.append(try read(depth: depth + 1)) }
            return .structure(tag: tag, fields: fields)
        case 0xC0: return .null
        case 0xC1: return .float(Double(bitPattern: try integer(UInt64.self)))
        case 0xC2: return .bool(false)
        case 0xC3: return .bool(true)
        case 0xC8: return .int(Int64(Int8(bitPattern: try byte())))
        case 0xC9: return .int(Int64(Int16(bitPattern: try integer(UInt16.self))))
        case 0xCA: return .int(Int64(Int32(bitPattern: try integer(UInt32.self))))
        case 0xCB: return .int(Int64(bitPattern: try integer(UInt64.self)))
        case 0xCC: return .bytes(try take(Int(try byte())))
        case 0xCD: return .bytes(try take(Int(try integer(UInt16.self))))
        case 0xCE: return .bytes(try take(Int(try integer(UInt32.self))))
        case 0xD0: return .string(try string(Int(try byte())))
        case 0xD1: return .string(try string(Int(try integer(UInt16.self))))
        case 0xD2: return .string(try string(Int(try integer(UInt32.self))))
        case 0xD4: return .list(try list(Int(try byte()), depth))
        case 0xD5: return .list(try list(Int(try integer(UInt16.self)), depth))
        case 0xD6: return .list(try list(Int(try integer(UInt32.self)), depth))
        case 0xD8: return .map(try map(Int(try byte()), depth))
        case 0xD9: return .map(try map(Int(try integer(UInt16.self)), depth))
        case 0xDA: return .map(try map(Int(try integer(UInt32.self)), depth))
        default:
            throw BoltError.protocolViolation("unknown PackStream marker 0x\(String(marker, radix: 16, uppercase: true))")
        }
    }

    private mutating func byte() throws(BoltError) -> UInt8 {
        guard position < bytes.count else { throw BoltError.protocolViolation("message ends inside a value") }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func take(_ n: Int) throws(BoltError) -> [UInt8] {
        guard n <= bytes.count - position else { throw BoltError.protocolViolation("message ends inside a value") }
        defer { position += n }
        return Array(bytes[position ..< position + n])
    }

    private mutating func integer<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) throws(BoltError) -> T {
        var v: T = 0
        for b in try take(MemoryLayout<T>.size) { v = v << 8 | T(b) }
        return v
    }

    private mutating func string(_ n: Int) throws(BoltError) -> String {
        let raw = try take(n)
        guard let s = String(validating: raw, as: UTF8.self) else { throw BoltError.protocolViolation("a string is not valid UTF-8") }
        return s
    }

    private mutating func list(_ n: Int, _ depth: Int) throws(BoltError) -> [PackValue] {
        // Each item takes at least one byte: a size past the end is refused before allocating.
        guard n <= bytes.count - position else { throw BoltError.protocolViolation("message ends inside a list") }
        var out: [PackValue] = []
        out.reserveCapacity(n)
        for _ in 0 ..< n { out.append(try read(depth: depth + 1)) }
        return out
    }

    private mutating func map(_ n: Int, _ depth: Int) throws(BoltError) -> [(String, PackValue)] {
        guard n <= (bytes.count - position) / 2 else { throw BoltError.protocolViolation("message ends inside a map") }
        var out: [(String, PackValue)] = []
        out.reserveCapacity(n)
        var seen = Set<String>()
        for _ in 0 ..< n {
            guard case .string(let key) = try read(depth: depth + 1) else {
                throw BoltError.protocolViolation("a map key is not a string")
            }
            let value = try read(depth: depth + 1)
            if seen.insert(key).inserted { out.append((key, value)) } else if let i = out.firstIndex(where: { $0.0 == key }) {
                out[i].1 = value  // PackStream: the last duplicate wins.
            }
        }
        return out
    }
}
