#if canImport(Glibc)
    import Glibc
#endif

/// A strategy blended with what was popular when the user was last active: the number of
/// users who took each item in the `window` seconds up to the user's latest train event.
///
/// score = base + weight · m · log(1 + c_t) / log(1 + max c), where m is the user's largest base
/// score, so the trend term is on the base's scale whatever the base is.
public struct TrendBlend<Base: RankingStrategy>: RankingStrategy {
    public let base: Base
    public let weight: Float
    public let window: Int64
    public let name: String
    private let lastTime: [Int64]
    private let itemTimes: [[Int64]]

    /// - Parameters:
    ///   - weight: the trend term's weight relative to the base's best score (≥ 0).
    ///   - window: seconds before the user's last train event that count (> 0).
    public init(_ base: Base, split: EvaluationSplit, weight: Float, window: Int64 = 30 * 86_400)
        throws(RecommendError)
    {
        guard weight >= 0, weight.isFinite, window > 0 else {
            throw RecommendError(.invalidArgument, "trend weight must be ≥ 0 and window > 0")
        }
        self.base = base
        self.weight = weight
        self.window = window
        lastTime = split.lastTrainTime
        itemTimes = split.itemTrainTimes
        name = "\(base.name) + trend (w=\(EASE.format(weight)), \(window / 86_400) d)"
    }

    public func score(history: [UInt32], into scores: UnsafeMutableBufferPointer<Float>) {
        base.score(history: history, into: scores)
    }

    public func score(user: Int, history: [UInt32], into scores: UnsafeMutableBufferPointer<Float>) {
        base.score(user: user, history: history, into: scores)
        guard weight > 0 else { return }
        var best: Float = 0
        for t in 0..<scores.count where scores[t] > best { best = scores[t] }
        if best == 0 { best = 1 }
        let end = lastTime[user]
        let start = end - window
        var counts = [Float](repeating: 0, count: scores.count)
        var top: Float = 0
        for t in 0..<scores.count {
            let times = itemTimes[t]
            let c = Float(Self.upperBound(times, end) - Self.lowerBound(times, start))
            counts[t] = c
            top = max(top, c)
        }
        guard top > 0 else { return }
        let scale = weight * best / log1pf(top)
        for t in 0..<scores.count where counts[t] > 0 { scores[t] += scale * log1pf(counts[t]) }
    }

    private static func lowerBound(_ a: [Int64], _ x: Int64) -> Int {
        var lo = 0
        var hi = a.count
        while lo < hi {
            let m = (lo + hi) / 2
            if a[m] < x { lo = m + 1 } else { hi = m }
        }
        return lo
    }

    private static func upperBound(_ a: [Int64], _ x: Int64) -> Int {
        var lo = 0
        var hi = a.count
        while lo < hi {
            let m = (lo + hi) / 2
            if a[m] <= x { lo = m + 1 } else { hi = m }
        }
        return lo
    }
}
