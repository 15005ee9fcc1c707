import GraphStore

/// The storage encoding of property values, property maps and label lists.
///
/// A value is a tag byte followed by its payload: 0 null, 1 false, 2 true, 3 integer (zigzag
/// varint), 4 float (8 bytes), 5 string, 6 list (count, values), 7 map (count, then key string and
/// value pairs, keys sorted), 8 float32 vector (count, 4 bytes each). A property map is a count
/// then (key token varint, value) pairs. Version 1 of the format.
enum PropertyCodec {
    static func encode(_ v: PropertyValue, into w: inout ByteWriter) {
        switch v {
        case .null: w.byte(0)
        case .bool(let b): w.byte(b ? 2 : 1)
        case .int(let i):
            w.byte(3)
            w.signed(i)
        case .double(let d):
            w.byte(4)
            w.double(d)
        case .string(let s):
            w.byte(5)
            w.string(s)
        case .list(let l):
            w.byte(6)
            w.varint(l.count)
            for x in l { encode(x, into: &w) }
        case .map(let m):
            w.byte(7)
            w.varint(m.count)
            for (k, x) in m.sorted(by: { $0.key < $1.key }) {
                w.string(k)
                encode(x, into: &w)
            }
        case .vector(let f):
            w.byte(8)
            w.varint(f.count)
            for x in f { w.float(x) }
        }
    }

    static func decodeValue(_ r: inout ByteReader) throws(ByteReader.Malformed) -> PropertyValue {
        switch try r.byte() {
        case 0: return .null
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return .int(try r.signed())
        case 4: return .double(try r.double())
        case 5: return .string(try r.string())
        case 6:
            let n = try r.count()
            var l: [PropertyValue] = []
            l.reserveCapacity(n)
            for _ in 0..<n { l.append(try decodeValue(&r)) }
            return .list(l)
        case 7:
            let n = try r.count()
            var m: [String: PropertyValue] = [:]
            for _ in 0..<n {
                let k = try r.string()
                m[k] = try decodeValue(&r)
            }
            return .map(m)
        case 8:
            let n = try r.count()
            var f: [Float] = []
            f.reserveCapacity(n)
            for _ in 0..<n { f.append(try r.float()) }
            return .vector(f)
        default: throw ByteReader.Malformed()
        }
    }

    static func encode(_ m: PropertyMap, into w: inout ByteWriter) {
        w.varint(m.count)
        for e in m {
            w.varint(UInt64(e.key.rawValue))
            encode(e.value, into: &w)
        }
    }

    static func encode(_ m: PropertyMap) -> [UInt8] {
        var w = ByteWriter()
        encode(m, into: &w)
        return w.bytes
    }

    static func decodeMap(_ r: inout ByteReader) throws(ByteReader.Malformed) -> PropertyMap {
        let n = try r.count()
        var entries: [PropertyEntry] = []
        entries.reserveCapacity(n)
        for _ in 0..<n {
            let k = try r.varint()
            guard k <= UInt64(UInt32.max) else { throw ByteReader.Malformed() }
            entries.append(PropertyEntry(key: PropertyKeyID(UInt32(k)), value: try decodeValue(&r)))
        }
        return PropertyMap(entries)
    }

    static func encode(labels: [LabelID]) -> [UInt8] {
        var w = ByteWriter()
        w.varint(labels.count)
        for l in labels { w.varint(Int(l.rawValue)) }
        return w.bytes
    }

    static func decodeLabels(_ r: inout ByteReader) throws(ByteReader.Malformed) -> [LabelID] {
        let n = try r.count()
        var out: [LabelID] = []
        for _ in 0..<n {
            let v = try r.varint()
            guard v <= UInt64(UInt16.max) else { throw ByteReader.Malformed() }
            out.append(LabelID(UInt16(v)))
        }
        return out
    }
}
