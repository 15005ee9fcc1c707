import Recommend
import Testing

@Suite struct RankingMetricsTests {
    @Test func handComputedExample() {
        let ranked: [UInt32] = [5, 3, 9, 1]
        let relevant: Set<UInt32> = [3, 1]
        #expect(RankingMetrics.hitRate(ranked, relevant: relevant, k: 10) == 1)
        #expect(RankingMetrics.hitRate(ranked, relevant: relevant, k: 1) == 0)
        // DCG = 1/log2(3) + 1/log2(5); ideal = 1 + 1/log2(3).
        let dcg = 0.630_929_753_571_457_4 + 0.430_676_558_073_393_05
        let ideal = 1 + 0.630_929_753_571_457_4
        #expect(abs(RankingMetrics.ndcg(ranked, relevant: relevant, k: 10) - dcg / ideal) < 1e-12)
        #expect(abs(RankingMetrics.ndcg(ranked, relevant: relevant, k: 10) - 0.650_921) < 1e-6)
        #expect(RankingMetrics.ndcg(ranked, relevant: relevant, k: 1) == 0)
        #expect(RankingMetrics.recall(ranked, relevant: relevant, k: 2) == 0.5)
        #expect(RankingMetrics.recall(ranked, relevant: relevant, k: 20) == 1)
    }

    @Test func idealDCGIsCappedAtK() {
        // 12 relevant items, all of the top 10 relevant: NDCG@10 = 1 (the ideal counts 10 hits, not 12).
        let ranked = (0..<20).map(UInt32.init)
        let relevant = Set((0..<12).map(UInt32.init))
        #expect(abs(RankingMetrics.ndcg(ranked, relevant: relevant, k: 10) - 1) < 1e-12)
        #expect(RankingMetrics.recall(ranked, relevant: relevant, k: 20) == 1)
        #expect(abs(RankingMetrics.recall(ranked, relevant: relevant, k: 6) - 0.5) < 1e-12)
    }

    @Test func emptyRelevantSetScoresZero() {
        #expect(RankingMetrics.ndcg([1, 2], relevant: [], k: 10) == 0)
        #expect(RankingMetrics.recall([1, 2], relevant: [], k: 10) == 0)
        #expect(RankingMetrics.hitRate([1, 2], relevant: [], k: 10) == 0)
    }

    @Test func coverage() {
        #expect(RankingMetrics.coverage([[1, 2], [2, 3]], k: 2, catalogue: 4) == 0.75)
        #expect(RankingMetrics.coverage([[1, 2], [2, 3]], k: 1, catalogue: 4) == 0.5)
        #expect(RankingMetrics.coverage([], k: 10, catalogue: 0) == 0)
    }

    @Test func tableFormatsFixedDecimals() {
        #expect(EvaluationResult.fixed(0.0345, 3) == "0.035")
        #expect(EvaluationResult.fixed(2, 2) == "2.00")
        #expect(EvaluationResult.fixed(0.05, 4) == "0.0500")
        let r = EvaluationResult(
            method: "m", dataset: "d", users: 3, hitRate10: 0.5, ndcg10: 0.25, recall20: 1, coverage10: 0.1)
        #expect(EvaluationResult.table([r]).contains("0.2500"))
    }
}
