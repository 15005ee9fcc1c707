import Recommend
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct TrendBlendTests {
    typealias E = Interactions.Event

    @Test func trendTermCountsUsersInTheWindowBeforeTheLastTrainEvent() throws {
        let day: Int64 = 86_400
        // Items 1 and 2 are taken by others shortly before user 0's last train event (day 100);
        // item 3 long before. User 0 holds item 0 and is tested on item 1.
        let events = [
            E(user: 0, item: 0, time: 100 * day), E(user: 0, item: 1, time: 300 * day),
            E(user: 1, item: 1, time: 95 * day), E(user: 2, item: 1, time: 96 * day),
            E(user: 3, item: 2, time: 99 * day),
            E(user: 1, item: 3, time: 10 * day), E(user: 2, item: 3, time: 11 * day),
            E(user: 3, item: 3, time: 12 * day),
        ]
        let split = EvaluationSplit.temporal(try Interactions(users: 4, items: 4, events: events), cut: 200 * day)
        #expect(split.lastTrainTime == [100 * day, 95 * day, 96 * day, 99 * day])
        let blend = try TrendBlend(Popularity(split), split: split, weight: 1, window: 30 * day)
        var s = [Float](repeating: 0, count: 4)
        s.withUnsafeMutableBufferPointer { blend.score(user: 0, history: split.history[0], into: $0) }
        // Popularity: [1, 2, 1, 3]; best 3. Window counts: [1 (user 0 itself), 2, 1, 0]; top 2.
        let scale: Float = 3 / log1pf(2)
        let expected: [Float] = [1 + scale * log1pf(1), 2 + scale * log1pf(2), 1 + scale * log1pf(1), 3]
        for t in 0..<4 { #expect(abs(s[t] - expected[t]) < 1e-5, "item \(t): \(s[t])") }
        #expect(throws: RecommendError.self) { _ = try TrendBlend(Popularity(split), split: split, weight: -1) }
    }
}

@Suite struct SweepSmokeTests {
    @Test func sweepRuns() throws {
        let split = EvaluationSplit(users: 4, items: 5, history: StrategyTests.rows, test: [[3], [0], [1], [0]])
        let r = try EvaluationSuite(split: split, dataset: "tiny", lambda: 1).sweep()
        #expect(r.count == 2 + 2 * EvaluationSuite.sweepSettings.count + 3 + 2)  // + EASE, kNN; trend ×3; RP3β ×2
    }
}
