import GraphStore
import Testing
import TestSupport

/// `PropertyTable` against an array of maps: pages that share a shape are packed into columns, and no
/// sequence of appends, writes and commits may tell a packed page from a page of maps, nor let a write reach
/// a copy taken before it.
@Suite struct PropertyTableTests {
    static let pageSize = 4_096

    /// A page's worth of maps: mostly one shape (some empty), sometimes with one map that breaks it.
    static func page(_ rng: inout SplitMix64, count: Int) -> [PropertyMap] {
        let keys = [UInt32(3), 7, 40].filter { _ in rng.next() % 4 != 0 }
        let kinds = keys.map { _ in rng.next() % 4 }
        let lo = Int64(bitPattern: rng.next()) >> Int64(rng.next() % 64)
        let span = rng.next() >> (rng.next() % 64)
        var maps: [PropertyMap] = []
        for _ in 0..<count {
            if rng.next() % 16 == 0 {
                maps.append(PropertyMap())
                continue
            }
            maps.append(
                PropertyMap(
                    zip(keys, kinds).map { key, kind in
                        let value: PropertyValue =
                            switch kind {
                            case 0: .int(lo &+ Int64(bitPattern: span == 0 ? 0 : rng.next() % span))
                            case 1: .double([0.5, -0.0, .nan, Double(rng.next() % 1000) / 7][Int(rng.next() % 4)])
                            case 2: .bool(rng.next() & 1 == 0)
                            default: .string(["Spain", "", "日本", "C\(rng.next() % 50_000)"][Int(rng.next() % 4)])
                            }
                        return PropertyEntry(key: PropertyKeyID(key), value: value)
                    }))
        }
        if !maps.isEmpty && rng.next() % 3 == 0 {
            // One map that breaks the shape: another kind, another key, or a value that is never packed.
            let i = Int(rng.next() % UInt64(maps.count))
            maps[i] = PropertyMap([PropertyEntry(key: PropertyKeyID(UInt32(rng.next() % 50)), value: PropertyMapTests.value(&rng))])
        }
        return maps
    }

    static func same(_ a: PropertyMap, _ b: PropertyMap) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && PropertyMapTests.same($0.value, $1.value) }
    }

    static func check(_ table: PropertyTable, _ oracle: [PropertyMap]) {
        #expect(table.count == oracle.count)
        var wrong = 0
        for i in oracle.indices {
            if !same(table[i], oracle[i]) { wrong += 1 }
            for k in [UInt32(3), 7, 40, 11] where !PropertyMapTests.same(table.value(i, PropertyKeyID(k)), oracle[i][PropertyKeyID(k)]) {
                wrong += 1
            }
        }
        #expect(wrong == 0)
    }

    @Test func packedPagesReadAsTheirMaps() {
        var rng = SplitMix64(seed: 7)
        var table = PropertyTable()
        var oracle: [PropertyMap] = []
        for _ in 0..<4 {
            for map in Self.page(&rng, count: Self.pageSize) {
                table.append(map)
                oracle.append(map)
            }
        }
        for map in Self.page(&rng, count: 100) {
            table.append(map)
            oracle.append(map)
        }
        #expect(table.packedPages.full == 4)
        #expect(table.packedPages.packed >= 1 && table.packedPages.packed < 4)
        Self.check(table, oracle)

        // Writes sit beside a packed page's columns, a commit folds a page that gathered many, and a copy taken
        // before keeps its maps.
        for round in 0..<6 {
            let before = table
            let beforeOracle = oracle
            for _ in 0..<50 {
                let i = Int(rng.next() % UInt64(oracle.count))
                switch rng.next() % 3 {
                case 0:
                    let map = Self.page(&rng, count: 1)[0]
                    table[i] = map
                    oracle[i] = map
                case 1:
                    table.modify(i) { $0[PropertyKeyID(7)] = nil }
                    oracle[i][PropertyKeyID(7)] = nil
                default:
                    let v = PropertyValue.int(Int64(rng.next() % 100))
                    table.modify(i) { $0[PropertyKeyID(3)] = v }
                    oracle[i][PropertyKeyID(3)] = v
                }
            }
            if round % 2 == 0 { table.packWrittenPages(all: round == 4) }
            Self.check(table, oracle)
            Self.check(before, beforeOracle)
        }
    }

    /// Purchases pack to their quantity's and timestamp's bits: 20,000 of them take under 5 bytes each, where a
    /// page of maps takes 16.
    @Test func purchasesPackToAFewBytes() {
        var table = PropertyTable()
        for i in 0..<20_480 {
            table.append(PropertyMap([
                PropertyEntry(key: PropertyKeyID(1), value: .int(Int64(1 + i % 9))),
                PropertyEntry(key: PropertyKeyID(2), value: .int(1_700_000_000 + Int64(i * 997 % 30_000_000))),
            ]))
        }
        #expect(table.packedPages == (5, 5))
        #expect(table.allocatedBytes < 20_480 * 5)
        #expect(table[20_479][PropertyKeyID(2)] == .int(1_700_000_000 + Int64(20_479 * 997 % 30_000_000)))
    }

    /// A packed page keeps its columns under single writes; once it has gathered 128 written maps the commit
    /// packs it again with them, and a page whose writes broke its shape becomes a page of maps.
    @Test func writtenMapsFoldAtTheCommit() {
        func purchase(_ i: Int) -> PropertyMap {
            PropertyMap([
                PropertyEntry(key: PropertyKeyID(1), value: .int(Int64(1 + i % 9))),
                PropertyEntry(key: PropertyKeyID(2), value: .int(1_700_000_000 + Int64(i))),
            ])
        }
        var table = PropertyTable()
        var oracle = (0..<(3 * Self.pageSize)).map(purchase)
        for map in oracle { table.append(map) }
        let packedBytes = table.allocatedBytes
        let before = table
        for n in 0..<127 {
            let i = Self.pageSize + n * 7
            table.modify(i) { $0[PropertyKeyID(1)] = .int(50) }
            oracle[i][PropertyKeyID(1)] = .int(50)
        }
        table.packWrittenPages()
        #expect(table.packedPages == (3, 3))
        #expect(table.allocatedBytes > packedBytes)  // 127 maps still beside the columns
        table[Self.pageSize + 1] = purchase(1)
        oracle[Self.pageSize + 1] = purchase(1)
        table.packWrittenPages()
        #expect(table.packedPages == (3, 3))
        #expect(table.allocatedBytes < packedBytes + 4_096)  // folded into the columns (quantities now take 6 bits)
        Self.check(table, oracle)
        Self.check(before, (0..<(3 * Self.pageSize)).map(purchase))

        // A string where a page holds integers: the page can no longer be packed, and reads stay right.
        for n in 0..<130 {
            table[2 * Self.pageSize + n] = PropertyMap([PropertyEntry(key: PropertyKeyID(1), value: .string("x\(n)"))])
            oracle[2 * Self.pageSize + n] = table[2 * Self.pageSize + n]
        }
        table.packWrittenPages()
        #expect(table.packedPages == (2, 3))
        Self.check(table, oracle)
    }
}
