/// Unsigned integers of one bit width (0…64), packed end to end into 64-bit words: the storage of packed
/// property columns (`PackedColumn`) and of the adjacency bases (`CompressedAdjacency`).
@usableFromInline
struct BitPacked: Sendable {
    @usableFromInline let width: Int
    @usableFromInline let words: [UInt64]
    let count: Int

    /// Packs `count` values, `value(i)` for each `i`, each of which must fit in `width` bits.
    init(count: Int, width: Int, _ value: (Int) -> UInt64) {
        precondition((0...64).contains(width), "a bit width is 0 to 64")
        self.width = width
        self.count = count
        // One spare word, so that a reader may always look at the word after a value's first.
        var words = [UInt64](repeating: 0, count: (count * width + 63) / 64 + 1)
        if width > 0 {
            words.withUnsafeMutableBufferPointer { w in
                for i in 0..<count {
                    let v = value(i)
                    precondition(width == 64 || v >> UInt64(width) == 0, "a value does not fit its width")
                    let bit = i * width
                    let shift = bit & 63
                    w[bit >> 6] |= v << UInt64(shift)
                    if shift + width > 64 { w[(bit >> 6) + 1] |= v >> UInt64(64 - shift) }
                }
            }
        }
        self.words = words
    }

    /// Packs `values`, each of which must fit in `width` bits.
    init(_ values: [UInt64], width: Int) {
        self.init(count: values.count, width: width) { values[$0] }
    }

    /// Packs `values` in the fewest bits that hold the largest.
    init(_ values: [UInt64]) {
        self.init(values, width: Self.width(for: values.max() ?? 0))
    }

    /// The bits needed for values up to `largest`.
    static func width(for largest: UInt64) -> Int { 64 - largest.leadingZeroBitCount }

    @inlinable
    subscript(i: Int) -> UInt64 {
        words.withUnsafeBufferPointer { Reader(words: $0.baseAddress!, width: width)[i] }
    }

    /// Calls `body` with a reader of the values that checks no bounds (for loops over many of them).
    @inlinable
    func withReader<R>(_ body: (Reader) throws -> R) rethrows -> R {
        try words.withUnsafeBufferPointer { try body(Reader(words: $0.baseAddress!, width: width)) }
    }

    /// Reads packed values without bounds checks; valid inside `withReader`.
    @usableFromInline
    struct Reader {
        @usableFromInline let words: UnsafePointer<UInt64>
        @usableFromInline let width: Int
        @usableFromInline let mask: UInt64

        @inlinable
        init(words: UnsafePointer<UInt64>, width: Int) {
            self.words = words
            self.width = width
            mask = width == 64 ? ~0 : (1 &<< UInt64(width)) &- 1
        }

        @inlinable @inline(__always)
        subscript(i: Int) -> UInt64 {
            guard width > 0 else { return 0 }
            let bit = i &* width
            let w = bit &>> 6
            let shift = UInt64(bit & 63)
            var v = words[w] &>> shift
            if shift &+ UInt64(width) > 64 { v |= words[w &+ 1] &<< (64 &- shift) }
            return v & mask
        }
    }

    var allocatedBytes: Int { words.capacity * 8 }
}
