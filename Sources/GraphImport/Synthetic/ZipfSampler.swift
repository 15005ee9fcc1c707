#if canImport(Glibc)
import Glibc
#endif

/// Samples items with power-law (Zipf) popularity: the item of rank r is drawn with weight
/// 1 / r^exponent. Ranks are assigned to items by a seeded shuffle, so popular items are spread
/// over the id range rather than being the first ids.
///
/// Uses Vose's alias method: O(n) to build, O(1) per sample.
struct ZipfSampler {
    private let probability: [Double]
    private let alias: [Int32]
    private let itemOfRank: [Int32]

    init(count: Int, exponent: Double, rng: inout SplitMix64) {
        var weights = [Double](repeating: 0, count: count)
        var total = 0.0
        for r in 0..<count {
            weights[r] = 1.0 / pow(Double(r + 1), exponent)
            total += weights[r]
        }
        // Scale so the mean weight is 1, then pair each light column with a heavy one.
        var scaled = weights.map { $0 * Double(count) / total }
        var probability = [Double](repeating: 1, count: count)
        var alias = [Int32](repeating: 0, count: count)
        var small: [Int] = []
        var large: [Int] = []
        for (i, w) in scaled.enumerated() {
            if w < 1 { small.append(i) } else { large.append(i) }
        }
        while let s = small.popLast() {
            guard let l = large.last else { break }
            probability[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        // Whatever remains (rounding) keeps probability 1.
        self.probability = probability
        self.alias = alias
        var items = (0..<count).map { Int32($0) }
        items.shuffle(using: &rng)
        itemOfRank = items
    }

    /// One item index in `0 ..< count`.
    /// - Complexity: O(1).
    func sample(_ rng: inout SplitMix64) -> Int {
        let column = rng.below(probability.count)
        let rank = rng.unit() < probability[column] ? column : Int(alias[column])
        return Int(itemOfRank[rank])
    }
}
