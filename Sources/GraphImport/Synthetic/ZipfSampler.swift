#if canImport(Glibc)
import Glibc
#endif

/// Samples items with power-law (Zipf) popularity: the item of rank r is drawn with weight
/// 1 / r^exponent. Ranks are assigned to items by a seeded shuffle, so popular items are spread
/// over the id range rather than being the first ids.
struct ZipfSampler {
    private let cdf: [Double]
    private let itemOfRank: [Int32]

    init(count: Int, exponent: Double, rng: inout SplitMix64) {
        var cdf = [Double](repeating: 0, count: count)
        var total = 0.0
        for r in 0..<count {
            total += 1.0 / pow(Double(r + 1), exponent)
            cdf[r] = total
        }
        for r in 0..<count { cdf[r] /= total }
        self.cdf = cdf
        var items = (0..<count).map { Int32($0) }
        items.shuffle(using: &rng)
        itemOfRank = items
    }

    /// One item index in `0 ..< count`.
    /// - Complexity: O(log count).
    func sample(_ rng: inout SplitMix64) -> Int {
        let u = rng.unit()
        var lo = 0
        var hi = cdf.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cdf[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        return Int(itemOfRank[lo])
    }
}
