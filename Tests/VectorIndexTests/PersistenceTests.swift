import Foundation
import Testing
import VectorIndex

@Suite struct PersistenceTests {
    static func tempPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ivf-\(name)-\(UInt32.random(in: 0...UInt32.max)).bin").path
    }

    static func built() throws -> IVFFlatIndex {
        let d = 20
        let data = TestData.clustered(count: 2000, dimension: d, centres: 25, seed: 21)
        let index = try IVFFlatIndex(dimension: d)
        try index.build(ids: (0..<2000).map { VectorID($0 + 10) }, vectors: data, lists: 25)
        for id in stride(from: VectorID(10), to: 400, by: 3) { index.remove(id: id) }  // leaves tombstones
        return index
    }

    @Test func reloadGivesIdenticalResults() throws {
        let index = try Self.built()
        let path = Self.tempPath("ok")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try index.save(to: path)
        let loaded = try IVFFlatIndex.load(from: path)
        #expect(loaded.dimension == 20 && loaded.lists == 25 && loaded.count == index.count)
        #expect(loaded.listSizes == index.listSizes)
        for i in 0..<30 {
            let q = TestData.clustered(count: 1, dimension: 20, centres: 1, seed: UInt64(500 + i))
            #expect(try loaded.search(q, k: 10, probes: 3) == index.search(q, k: 10, probes: 3))
            let a = try loaded.exactSearch(q, k: 5)
            let b = try index.exactSearch(q, k: 5)
            #expect(a == b, "\(a) vs \(b)")
        }
        // The loaded index stays writable.
        try loaded.add(id: 1, vector: [Float](repeating: 1, count: 20))
        #expect(loaded.contains(1) && !loaded.contains(10))
    }

    @Test func corruptTruncatedAndMissingFilesAreRejected() throws {
        let index = try Self.built()
        let path = Self.tempPath("bad")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try index.save(to: path)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))

        func code(_ bytes: Data) -> VectorIndexError.Code? {
            try? bytes.write(to: URL(fileURLWithPath: path))
            do {
                _ = try IVFFlatIndex.load(from: path)
                return nil
            } catch {
                return error.code
            }
        }
        var flipped = good
        flipped[good.count / 2] ^= 0x40
        #expect(code(flipped) == .corruptFile)
        #expect(code(good.prefix(good.count - 7)) == .corruptFile)
        var badMagic = good
        badMagic[0] = 0x58
        #expect(code(badMagic) == .corruptFile)
        #expect(code(good + Data([0])) == .corruptFile)
        #expect(code(good) == nil)
        #expect(throws: VectorIndexError.self) { _ = try IVFFlatIndex.load(from: path + ".missing") }
        // An empty, untrained index saves (a schema-first index) and loads untrained.
        let untrained = try IVFFlatIndex(dimension: 4)
        try untrained.save(to: path + ".u")
        defer { try? FileManager.default.removeItem(atPath: path + ".u") }
        let reloaded = try IVFFlatIndex.load(from: path + ".u")
        #expect(!reloaded.isTrained && reloaded.count == 0 && reloaded.dimension == 4)
    }

    /// The file keeps the version-1 layout of the lists (codes row-major), whatever the in-memory layout:
    /// each stored row decodes to its input vector. Version 2 only appends the settings section (policy and
    /// calibration: 44 bytes plus 4 per calibration rank, then a CRC-32).
    @Test func fileKeepsRowMajorCodes() throws {
        let (n, d, lists) = (300, 7, 4)  // odd dimension, partial blocks
        let data = TestData.clustered(count: n, dimension: d, centres: 4, seed: 33)
        let index = try IVFFlatIndex(dimension: d)
        try index.build(ids: (0..<n).map { VectorID($0) }, vectors: data, lists: lists)
        let path = Self.tempPath("layout")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try index.save(to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func u32(_ o: Int) -> UInt32 { (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[o + $1]) << (8 * UInt32($1)) } }
        func f32(_ o: Int) -> Float { Float(bitPattern: u32(o)) }
        #expect(u32(8) == 2)  // format version
        var o = 36 + lists * d * 4 + 4
        let sizes = (0..<lists).map { u32(o + 4 * $0) }
        o += lists * 4 + 4
        var seen = 0
        for size in sizes.map(Int.init) {
            let idsAt = o, scalesAt = o + 4 * size, c1At = o + 8 * size, c2At = c1At + size * d
            for r in 0..<size {
                let id = Int(u32(idsAt + 4 * r))
                let u = f32(scalesAt + 4 * r)
                let x = Array(data[(id * d)..<((id + 1) * d)])
                let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
                for i in 0..<d {
                    let c1 = Float(Int8(bitPattern: bytes[c1At + r * d + i]))
                    let c2 = Float(Int8(bitPattern: bytes[c2At + r * d + i]))
                    #expect(abs(u * c1 + u / 254 * c2 - x[i] / norm) < 1e-4, "id \(id) component \(i)")
                }
                seen += 1
            }
            o = c2At + size * d + 4
        }
        #expect(index.calibration == nil)  // build() does not calibrate: no ranks
        #expect(seen == n && o + 44 + 4 == bytes.count)
    }
}
