import GraphStore
import Persistence
public import Recommend

extension Database {
    /// Connects the recommender cache to the data directory: the stored model selection is handed
    /// to the cache (its choice is refitted at the first build when it still describes the data),
    /// and every new selection is stored in `graph.sqlite`'s `meta` table.
    func attachModelSelectionStorage() {
        guard let storage else { return }
        recommenderCache.restoreSelection(storedModelSelection)
        recommenderCache.onBuild { model in
            guard let selection = model.selection else { return }
            // A failed write leaves the previous selection stored; the next build writes again.
            try? storage.saveRecommenderSelection(selection.encoded)
        }
    }

    /// The model selection stored in the data directory (nil in memory, when none was stored, or
    /// when the stored text cannot be read).
    public var storedModelSelection: ModelSelection? {
        guard let text = try? storage?.recommenderSelection() else { return nil }
        return try? ModelSelection(encoded: text)
    }

    /// The recommender's model selection: the current model's, else the stored one.
    public var modelSelection: ModelSelection? {
        recommenderCache.selection ?? storedModelSelection
    }

    /// The current model's selection, building the model first when there is none yet.
    /// - Throws: `RecommendError` when the graph has no purchases.
    public func modelSelectionBuildingIfNeeded() throws(RecommendError) -> ModelSelection? {
        if let s = recommenderCache.selection { return s }
        return try recommenderCache.model(for: graph.snapshot).selection
    }

    /// Calls `log` with a one-line summary of every model selection the recommender makes.
    public func logModelSelections(_ log: @escaping @Sendable (String) -> Void) {
        recommenderCache.onBuild { model in
            guard let s = model.selection else { return }
            let best = s.rows.first { $0.candidate == s.chosen }
            log(
                "recommender: auto \(s.reused ? "refitted" : "chose") \(s.chosen)"
                    + (best.map { " (holdout NDCG@10 \(EvaluationResult.fixed($0.ndcg10, 4)))" } ?? "")
                    + " on \(s.customers) customers, \(s.products) products; refit \(EvaluationResult.fixed(s.refitSeconds, 2)) s")
        }
    }
}
