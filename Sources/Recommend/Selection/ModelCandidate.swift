/// One model with its hyperparameters, as the automatic selection evaluates and the recommender
/// serves it. Item-to-item models are applied to the recency-weighted history, as the live
/// recommender applies its neighbours (half-life 20 positions, floor 0.25).
public struct ModelCandidate: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case popularity
        /// The live blend on purchases alone: recency × cosine item-kNN (100) plus the popularity prior.
        case blend
        /// Cosine item-kNN (sparse build).
        case itemKNN = "item-knn"
        case rp3beta
        case ease
        case als
    }

    public var kind: Kind
    /// EASE's λ, or ALS's regularisation.
    public var lambda: Float = 0
    /// Item-kNN and RP3β: entries kept per item.
    public var neighbours: Int = 100
    /// RP3β's popularity discount.
    public var beta: Float = 0
    /// ALS: latent factors, confidence weight, alternations.
    public var factors: Int = 0
    public var alpha: Float = 0
    public var iterations: Int = 0

    public init(
        _ kind: Kind, lambda: Float = 0, neighbours: Int = 100, beta: Float = 0, factors: Int = 0, alpha: Float = 0,
        iterations: Int = 0
    ) {
        self.kind = kind
        self.lambda = lambda
        self.neighbours = neighbours
        self.beta = beta
        self.factors = factors
        self.alpha = alpha
        self.iterations = iterations
    }

    /// The weights of largest magnitude each EASE row keeps when served (`EASE.sparsified`): about
    /// a tenth of a few-thousand-product catalogue, which keeps a request's reads in cache.
    public static let easeNeighbours = 256

    /// The recency weighting the live recommender applies to item-to-item models.
    public static let halfLife = 20.0
    public static let floor: Float = 0.25

    public var description: String {
        switch kind {
        case .popularity: "popularity"
        case .blend: "blend (recency × item-kNN cosine 100 + popularity prior)"
        case .itemKNN: "recency × item-kNN (cosine, k=\(neighbours))"
        case .rp3beta: "recency × RP3β (β=\(EASE.format(beta)), k=\(neighbours))"
        case .ease: "recency × EASE (λ=\(EASE.format(lambda)), top \(neighbours) per item)"
        case .als: "ALS (f=\(factors), λ=\(EASE.format(lambda)), α=\(EASE.format(alpha)), \(iterations) it)"
        }
    }

    /// A stable text form, `kind;key=value;…`, for storage.
    public var encoded: String {
        var parts = [kind.rawValue]
        switch kind {
        case .popularity, .blend: break
        case .itemKNN: parts.append("neighbours=\(neighbours)")
        case .rp3beta: parts += ["beta=\(beta)", "neighbours=\(neighbours)"]
        case .ease: parts += ["lambda=\(lambda)", "neighbours=\(neighbours)"]
        case .als: parts += ["factors=\(factors)", "lambda=\(lambda)", "alpha=\(alpha)", "iterations=\(iterations)"]
        }
        return parts.joined(separator: ";")
    }

    /// Reads `encoded`. - Throws: `RecommendError.malformedInput` naming the bad part.
    public init(encoded text: String) throws(RecommendError) {
        let parts = text.split(separator: ";").map(String.init)
        guard let first = parts.first, let kind = Kind(rawValue: first) else {
            throw RecommendError(.malformedInput, "unknown model candidate `\(text)`")
        }
        // A stored EASE choice from before EASE was served sparsified names no neighbours: the default.
        self.init(kind, neighbours: kind == .ease ? Self.easeNeighbours : 100)
        for p in parts.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2, let v = Double(kv[1]), v.isFinite else {
                throw RecommendError(.malformedInput, "bad parameter `\(p)` in model candidate `\(text)`")
            }
            switch kv[0] {
            case "lambda": lambda = Float(v)
            case "neighbours": neighbours = Int(v)
            case "beta": beta = Float(v)
            case "factors": factors = Int(v)
            case "alpha": alpha = Float(v)
            case "iterations": iterations = Int(v)
            default: throw RecommendError(.malformedInput, "unknown parameter `\(kv[0])` in model candidate `\(text)`")
            }
        }
    }

    /// Fits the candidate on `split`'s train histories.
    /// - Throws: `RecommendError` from the model (EASE's or ALS's linear algebra, parameters out of range).
    public func fit(_ split: EvaluationSplit, workers: Int? = nil) throws(RecommendError) -> FittedModel {
        // Without times a history's order is arbitrary: every purchase then weighs the same.
        let floor: Float = split.timed ? Self.floor : 1
        switch kind {
        case .popularity:
            return FittedModel(candidate: self, storage: .popularity(Popularity(split)))
        case .blend:
            let knn = SparseItemItem(split, weighting: .cosine, neighbours: 100, workers: workers)
            return FittedModel(
                candidate: self,
                storage: .blend(try RecencyWeighted(knn, halfLife: Self.halfLife, floor: floor), Popularity(split)))
        case .itemKNN:
            guard neighbours >= 1 else { throw RecommendError(.invalidArgument, "item-kNN needs ≥ 1 neighbour") }
            let m = SparseItemItem(split, weighting: .cosine, neighbours: neighbours, workers: workers)
            return FittedModel(
                candidate: self, storage: .sparse(try RecencyWeighted(m, halfLife: Self.halfLife, floor: floor)))
        case .rp3beta:
            guard neighbours >= 1 else { throw RecommendError(.invalidArgument, "RP3β needs ≥ 1 neighbour") }
            let m = SparseItemItem(split, weighting: .rp3beta(beta), neighbours: neighbours, workers: workers)
            return FittedModel(
                candidate: self, storage: .sparse(try RecencyWeighted(m, halfLife: Self.halfLife, floor: floor)))
        case .ease:
            guard lambda > 0 else { throw RecommendError(.invalidArgument, "EASE needs λ > 0") }
            guard neighbours >= 1 else { throw RecommendError(.invalidArgument, "EASE needs ≥ 1 kept weight per item") }
            let m = try EASE(split, lambda: lambda).sparsified(keeping: neighbours)
            return FittedModel(
                candidate: self, storage: .sparse(try RecencyWeighted(m, halfLife: Self.halfLife, floor: floor)))
        case .als:
            let m = try ImplicitALS(
                split,
                parameters: ImplicitALS.Parameters(
                    factors: factors, regularization: lambda, alpha: alpha, iterations: iterations, workers: workers))
            return FittedModel(candidate: self, storage: .als(m))
        }
    }
}

/// A fitted `ModelCandidate`: scores every item for a history (most recent first) and names the
/// history item behind a score.
public struct FittedModel: Sendable, RankingStrategy {
    enum Storage: Sendable {
        case popularity(Popularity)
        case blend(RecencyWeighted<SparseItemItem>, Popularity)
        case sparse(RecencyWeighted<SparseItemItem>)
        case als(ImplicitALS)
    }

    public let candidate: ModelCandidate
    let storage: Storage

    public var name: String { candidate.description }

    /// Whether the model scores from the history (popularity does not).
    public var isPersonal: Bool {
        if case .popularity = storage { return false }
        return true
    }

    public func score(history: [UInt32], into scores: UnsafeMutableBufferPointer<Float>) {
        switch storage {
        case .popularity(let p): p.score(history: history, into: scores)
        case .sparse(let m): m.score(history: history, into: scores)
        case .als(let m): m.score(history: history, into: scores)
        case .blend(let knn, let popularity):
            // As the live blend on purchases alone: the recency-weighted neighbour score and the
            // log-popularity prior, each scaled by its peak over the candidates (items with a
            // neighbour score), weights 1 and 0.05; the rest of the catalogue follows by popularity.
            knn.score(history: history, into: scores)
            var peakKNN: Float = 0
            var peakPopularity: Float = 0
            let priors = popularity.prior
            for t in 0..<scores.count where scores[t] > 0 {
                peakKNN = max(peakKNN, scores[t])
                peakPopularity = max(peakPopularity, priors[t])
            }
            for t in 0..<scores.count {
                let prior = priors[t]
                if scores[t] > 0 {
                    scores[t] = scores[t] / peakKNN + (peakPopularity > 0 ? 0.05 * prior / peakPopularity : 0)
                } else {
                    scores[t] = -2 + prior
                }
            }
        }
    }

    /// For each of `targets`, the history item that adds most to its score and how much (nil when
    /// the model does not score from the history).
    public func strongestContributors(history: [UInt32], targets: [Int]) -> [(item: UInt32, value: Float)?] {
        // One pass over the history's rows (the work of scoring), not a row lookup per target.
        func itemItem(_ m: RecencyWeighted<SparseItemItem>) -> [(item: UInt32, value: Float)?] {
            m.model.strongestContributors(history: history, recency: history.indices.map(m.weight), targets: targets)
        }
        switch storage {
        case .popularity: return targets.map { _ in nil }
        case .blend(let m, _): return itemItem(m)
        case .sparse(let m): return itemItem(m)
        case .als(let m): return m.strongestContributors(history: history, targets: targets)
        }
    }
}

#if canImport(Glibc)
    import Glibc
#endif
