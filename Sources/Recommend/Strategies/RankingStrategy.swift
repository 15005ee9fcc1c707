/// A fitted recommender that scores every catalogue item for one user from their train history.
///
/// Implementations are immutable after fitting, so the evaluator may share one across threads.
public protocol RankingStrategy: Sendable {
    /// The name printed in reports.
    var name: String { get }

    /// Adds the scores of every item for a user whose train items are `history` (most recent
    /// first) into `scores` (zeroed by the caller, one slot per item). Higher is better.
    func score(history: [UInt32], into scores: UnsafeMutableBufferPointer<Float>)

    /// Like `score(history:into:)`, for strategies that also use who the user is (for example
    /// when they were last active). The default ignores `user`.
    func score(user: Int, history: [UInt32], into scores: UnsafeMutableBufferPointer<Float>)
}

extension RankingStrategy {
    public func score(user: Int, history: [UInt32], into scores: UnsafeMutableBufferPointer<Float>) {
        score(history: history, into: scores)
    }
}

/// An item-to-item model: a user's score for item t is Σ over history items j of w_j · W[j, t].
public protocol ItemItemModel: Sendable {
    /// Adds `weight · W[j, ·]` into `scores`.
    func addRow(_ j: Int, weight: Float, into scores: UnsafeMutableBufferPointer<Float>)
    /// W[j, t] (0 when the row does not keep t).
    func weight(_ j: Int, _ t: Int) -> Float
    /// Adds `weights[i] · W[rows[i], ·]` into `scores` for each i in order (the same sums as
    /// `addRow` called for each; sparse models fetch the rows ahead).
    func addRows(_ rows: [UInt32], weights: [Float], into scores: UnsafeMutableBufferPointer<Float>)
}

extension ItemItemModel {
    public func addRows(_ rows: [UInt32], weights: [Float], into scores: UnsafeMutableBufferPointer<Float>) {
        for (j, w) in zip(rows, weights) { addRow(Int(j), weight: w, into: scores) }
    }
}

extension RankingStrategy where Self: ItemItemModel {
    public func score(history: [UInt32], into scores: UnsafeMutableBufferPointer<Float>) {
        addRows(history, weights: [Float](repeating: 1, count: history.count), into: scores)
    }
}
