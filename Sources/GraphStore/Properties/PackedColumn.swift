/// One property key's values across a packed page (`PackedMaps`), all of one kind.
///
/// - integers: their difference from the page's smallest, in the fewest bits that hold the largest;
/// - floats: their 64 bits;
/// - booleans: one bit;
/// - strings (at most 15 UTF-8 bytes, as in an encoded map): each distinct string once in a byte pool, and per
///   element the index of its string in the fewest bits, so a column of a few countries costs a few bits a row.
@usableFromInline
enum PackedColumn: Sendable {
    case ints(base: Int64, BitPacked)
    case doubles(BitPacked)
    case bools(BitPacked)
    case strings(pool: [UInt8], ends: BitPacked, index: BitPacked)

    /// The value of element `i`.
    @usableFromInline
    func value(at i: Int) -> PropertyValue {
        switch self {
        case .ints(let base, let bits): return .int(base &+ Int64(bitPattern: bits[i]))
        case .doubles(let bits): return .double(Double(bitPattern: bits[i]))
        case .bools(let bits): return .bool(bits[i] != 0)
        case .strings(let pool, let ends, let index):
            let s = Int(index[i])
            let start = s == 0 ? 0 : Int(ends[s - 1])
            return pool.withUnsafeBufferPointer {
                .string(String(decoding: UnsafeBufferPointer(rebasing: $0[start..<Int(ends[s])]), as: UTF8.self))
            }
        }
    }

    var allocatedBytes: Int {
        switch self {
        case .ints(_, let b), .doubles(let b), .bools(let b): b.allocatedBytes
        case .strings(let pool, let ends, let index): pool.capacity + ends.allocatedBytes + index.allocatedBytes
        }
    }

    /// Packs one column; `values` holds a value of the column's kind for every element (a placeholder of that
    /// kind where the element's map is empty).
    static func pack(_ values: [PropertyValue]) -> PackedColumn? {
        switch values.first {
        case .int?:
            var lo = Int64.max
            var hi = Int64.min
            for v in values {
                guard case .int(let i) = v else { return nil }
                lo = min(lo, i)
                hi = max(hi, i)
            }
            let width = BitPacked.width(for: UInt64(bitPattern: hi &- lo))
            return .ints(base: lo, BitPacked(count: values.count, width: width) { UInt64(bitPattern: values[$0].intValue! &- lo) })
        case .double?:
            var bits: [UInt64] = []
            bits.reserveCapacity(values.count)
            for v in values {
                guard case .double(let d) = v else { return nil }
                bits.append(d.bitPattern)
            }
            return .doubles(BitPacked(bits, width: 64))
        case .bool?:
            var bits: [UInt64] = []
            bits.reserveCapacity(values.count)
            for v in values {
                guard case .bool(let b) = v else { return nil }
                bits.append(b ? 1 : 0)
            }
            return .bools(BitPacked(bits, width: 1))
        case .string?: return packStrings(values)
        default: return nil
        }
    }

    private static func packStrings(_ values: [PropertyValue]) -> PackedColumn? {
        var pool: [UInt8] = []
        var ends: [UInt64] = []
        var seen: [String: UInt64] = [:]
        var index: [UInt64] = []
        index.reserveCapacity(values.count)
        for v in values {
            guard case .string(let s) = v, s.utf8.count <= PropertyBytes.longestString else { return nil }
            if let i = seen[s] {
                index.append(i)
                continue
            }
            let i = UInt64(ends.count)
            seen[s] = i
            pool.append(contentsOf: s.utf8)
            ends.append(UInt64(pool.count))
            index.append(i)
        }
        return .strings(pool: pool, ends: BitPacked(ends), index: BitPacked(index))
    }
}
