import Recommend
import TestSupport
import Testing

/// The protocol on the real ml-100k: popularity and item-kNN must land on the reference figures
/// (NDCG@10 0.029 and 0.043, numpy/scipy and implicit 0.7.3), which validates split and metrics.
@Suite struct MovieLensEvaluationTests {
    static let path = SharedData.path("datasets/movielens/ml-100k/u.data")

    @Test(.enabled(if: path != nil, "needs ../shared/datasets/movielens/ml-100k/u.data"))
    func baselinesMatchReference() throws {
        let x = try Interactions.movieLens(path: Self.path!, minRating: 4)
        #expect(x.users == 943 && x.items == 1682)
        #expect(x.events.count == 34_174 + 21_201)
        let split = EvaluationSplit.leaveLastOut(x, minItems: 2)
        let e = Evaluator(split: split, dataset: "ml-100k")
        let pop = e.evaluate(Popularity(split))
        #expect(abs(pop.ndcg10 - 0.029) < 0.002, "popularity NDCG@10 \(pop.ndcg10)")
        let knn = e.evaluate(ItemKNN(split, neighbours: 100))
        #expect(abs(knn.ndcg10 - 0.043) < 0.003, "item-kNN NDCG@10 \(knn.ndcg10)")
    }
}
