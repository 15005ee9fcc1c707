import GraphStore
import Testing
import TestSupport

/// `PagedIntegers` against an array: pages of every width from constant to the full 32 bits read back the
/// values appended, and a copy taken before more appends keeps its own count and values.
@Suite struct PagedIntegersTests {
    @Test func packedPagesReadTheirValues() {
        var rng = SplitMix64(seed: 11)
        var table = PagedIntegers<UInt32>()
        var oracle: [UInt32] = []
        var copies: [(PagedIntegers<UInt32>, Int)] = []
        for page in 0..<12 {
            // Page 0 constant, then wider and wider spans, up to any 32-bit value.
            let width = page == 0 ? 0 : min(32, page * 3)
            let low = UInt32(truncatingIfNeeded: rng.next())
            for _ in 0..<(4_096 + Int(rng.next() % 1_000)) where table.count < 45_000 {
                let span = width == 32 ? UInt64(UInt32.max) : (UInt64(1) << UInt64(width)) - 1
                let v = width == 0 ? low : UInt32(truncatingIfNeeded: UInt64(low) &+ rng.next() % (span + 1))
                table.append(v)
                oracle.append(v)
            }
            copies.append((table, table.count))
        }
        #expect(table.count == oracle.count)
        #expect(oracle.indices.allSatisfy { table[$0] == oracle[$0] })
        for (copy, n) in copies {
            #expect(copy.count == n && (0..<n).allSatisfy { copy[$0] == oracle[$0] })
        }
    }

    /// A page of one value takes a few words; a page of 4,096 relationship types in one run takes no bits.
    @Test func constantPagesTakeNoBits() {
        var types = PagedIntegers<UInt16>()
        for _ in 0..<(4_096 * 4) { types.append(3) }
        #expect(types.allocatedBytes < 4 * 100)
        #expect(types[10_000] == 3)
    }
}
