import Recommend
import Testing

/// `Popularity.top`: walking the fixed order gives what scoring every item and keeping a `TopK` gives.
@Suite struct PopularityTests {
    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func walkingTheOrderEqualsScoringEveryItem(seed: UInt64) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let items = 50 + next(400)
        // Few users, so many items tie on their count (and some are never bought).
        let users = 5 + next(30)
        let history = (0..<users).map { _ in (0..<next(12)).map { _ in UInt32(next(items)) } }
        let p = Popularity(EvaluationSplit(users: users, items: items, history: history, test: history))
        for round in 0..<40 {
            let owned = (0..<next(round % 2 == 0 ? 5 : 40)).map { _ in UInt32(next(items)) }
            let modulus = 1 + next(4)
            let eligible: (Int) -> Bool = { $0 % modulus != 0 || modulus == 1 }
            let k = 1 + next(items + 5)
            var scores = [Float](repeating: 0, count: items)
            scores.withUnsafeMutableBufferPointer { p.score(history: owned, into: $0) }
            var top = TopK(capacity: k)
            for t in 0..<items where !owned.contains(UInt32(t)) && eligible(t) { top.offer(UInt32(t), score: scores[t]) }
            let expected = top.sorted()
            let got = p.top(k, excluding: owned, where: eligible)
            #expect(got.map(\.item) == expected.map(\.item), "seed \(seed) round \(round)")
            #expect(got.map(\.score) == expected.map(\.score))
        }
    }
}
