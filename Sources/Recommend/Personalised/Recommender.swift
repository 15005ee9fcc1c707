public import GraphStore

#if canImport(Glibc)
    import Glibc
#endif

/// Personalised top-k for a customer over the live graph.
///
/// Signals, each normalised to 0...1 over the candidates and blended with `Weights`:
/// - **item-kNN**: Σ over the customer's purchased products j of w(j) · cos(j, t), with cos from
///   the model's neighbour lists and w(j) = floor + (1 − floor) · 2^(−r/halfLife) for j's rank r in
///   the history ordered by last purchase (most recent first);
/// - **embedding**: cosine to the recency-weighted centroid of the history's vectors (when
///   `embeddings` is set);
/// - **influencer**: products `PROMOTED_BY` influencers the customer `FOLLOWS`;
/// - **category**: the customer's share of (weighted) purchases in the product's `BELONGS_TO`
///   categories, scaled by the product's popularity within the category;
/// - **popularity**: a small log-popularity prior that breaks ties.
///
/// Products already purchased, products deleted since the model was built, and those the filter
/// rejects never become candidates; the filter reads the live snapshot (see `LiveCatalogue`). When the
/// signals give fewer than k candidates the list is filled from popularity, then the rest of the
/// catalogue, so k come back whenever k eligible products exist. A customer without purchases
/// (or unknown: pass nil) gets the cold-start ranking: trending blended with popularity, plus
/// their influencers' promotions when they follow any.
///
/// A value holds scratch arrays sized to the catalogue and reuses them; it is not thread-safe,
/// so use one per thread.
public struct Recommender: Sendable {
    /// Signal weights of the blend.
    public struct Weights: Sendable, Hashable {
        public var itemKNN: Float = 1
        public var embedding: Float = 0.5
        public var influencer: Float = 0.3
        public var category: Float = 0.3
        public var popularity: Float = 0.05
        public init() {}
    }

    public let model: RecommenderModel
    public var embeddings: (any ProductEmbeddings)?
    public var weights = Weights()
    /// History positions after which the recency part of a weight halves (as the evaluated engine strategy).
    public var halfLife: Float = 20
    /// The weight every history item keeps.
    public var floor: Float = 0.25

    // Scratch, indexed by item; a slot is valid for this call when its stamp equals `generation`.
    private var generation: UInt32 = 0
    private var candidateStamp: [UInt32]
    private var ownedStamp: [UInt32]
    private var eligibleStamp: [UInt32]
    private var eligible: [Bool]
    private var signal: [SIMD8<Float>]
    private var knnBest: [Float]
    private var knnSource: [Int32]
    private var influencerSource: [UInt32]
    private var categorySource: [UInt32]
    private var lastTime: [Int64]
    private var purchaseCount: [Int32]
    private var touched: [UInt32] = []
    private var decay: [Float] = []
    private var decaySettings: (halfLife: Float, floor: Float) = (0, 0)
    /// log(1 + popularity) / log(1 + the highest popularity), per item (0 when nothing is popular).
    private let popularitySignal: [Float]
    /// Scratch of the `auto` strategy: the selected model's score per item.
    var modelScores: [Float] = []
    /// Distinct products in the history read by the last `recommend` call.
    public private(set) var lastHistoryCount = 0

    // Slots of `signal`.
    private static let knn = 0, emb = 1, infl = 2, cat = 3, pop = 4, trend = 5, catAffinity = 6, embRaw = 7

    public init(model: RecommenderModel, embeddings: (any ProductEmbeddings)? = nil) {
        self.model = model
        self.embeddings = embeddings
        let n = model.itemCount
        candidateStamp = [UInt32](repeating: 0, count: n)
        ownedStamp = [UInt32](repeating: 0, count: n)
        eligibleStamp = [UInt32](repeating: 0, count: n)
        eligible = [Bool](repeating: false, count: n)
        signal = [SIMD8<Float>](repeating: .zero, count: n)
        knnBest = [Float](repeating: 0, count: n)
        knnSource = [Int32](repeating: -1, count: n)
        influencerSource = [UInt32](repeating: 0, count: n)
        categorySource = [UInt32](repeating: 0, count: n)
        lastTime = [Int64](repeating: 0, count: n)
        purchaseCount = [Int32](repeating: 0, count: n)
        let top = log1p(model.popularOrder.first.map { model.popularity[Int($0)] } ?? 0)
        popularitySignal = (0..<n).map { top > 0 ? log1p(model.popularity[$0]) / top : 0 }
    }

    /// One purchased product of a history.
    public struct HistoryItem: Sendable {
        public var item: Int
        public var lastPurchase: Int64
        public var purchases: Int
    }

    private mutating func nextGeneration() {
        generation &+= 1
        if generation == 0 {
            for i in candidateStamp.indices {
                candidateStamp[i] = 0
                ownedStamp[i] = 0
                eligibleStamp[i] = 0
            }
            generation = 1
        }
    }

    /// The distinct products `customer` purchased (in `s`) that the model knows, most recently bought first
    /// (ties: more purchases, then the smaller item). Marks them owned for the current call.
    private mutating func readHistory(_ customer: NodeID, _ s: GraphSnapshot) -> [HistoryItem] {
        var items: [Int] = []
        // Read the graph first, then mark (the closure then captures no mutable state).
        var bought: [(item: Int, time: Int64)] = []
        let key = model.timestampKey
        let itemOf = model.itemOf
        s.forEachRelationship(of: customer, type: model.purchased, direction: .outgoing) { p, r in
            guard p.index < itemOf.count, itemOf[p.index] >= 0 else { return }
            var t: Int64 = 0
            if let key, let v = s.property(r, key)?.intValue { t = v }
            bought.append((Int(itemOf[p.index]), t))
        }
        for (j, t) in bought {
            if ownedStamp[j] != generation {
                ownedStamp[j] = generation
                lastTime[j] = t
                purchaseCount[j] = 1
                items.append(j)
            } else {
                lastTime[j] = max(lastTime[j], t)
                purchaseCount[j] += 1
            }
        }
        var out = items.map { HistoryItem(item: $0, lastPurchase: lastTime[$0], purchases: Int(purchaseCount[$0])) }
        out.sort {
            $0.lastPurchase != $1.lastPurchase
                ? $0.lastPurchase > $1.lastPurchase
                : ($0.purchases != $1.purchases ? $0.purchases > $1.purchases : $0.item < $1.item)
        }
        return out
    }

    /// The purchase history the recommender sees for `customer`, most recent first.
    public mutating func history(of customer: NodeID, in s: GraphSnapshot) -> [HistoryItem] {
        nextGeneration()
        return readHistory(customer, s)
    }

    /// Whether item `t` may be recommended in this call: not owned, still in the graph, and passing
    /// `filter` on its current properties (read from `live`, not from the model).
    mutating func isEligible(_ t: Int, _ filter: RecommendationFilter, _ live: LiveCatalogue) -> Bool {
        if eligibleStamp[t] == generation { return eligible[t] }
        eligibleStamp[t] = generation
        let ok = ownedStamp[t] != generation && live.passes(model.products[t], filter)
        eligible[t] = ok
        return ok
    }

    /// Makes `t` a candidate (clearing its signals on first touch).
    @inline(__always)
    private mutating func touch(_ t: Int) {
        guard candidateStamp[t] != generation else { return }
        candidateStamp[t] = generation
        signal[t] = .zero
        knnBest[t] = 0
        knnSource[t] = -1
        touched.append(UInt32(t))
    }

    private func recencyWeight(_ r: Int) -> Float {
        r < decay.count ? decay[r] : floor
    }

    private mutating func prepareDecay() {
        guard decaySettings != (halfLife, floor) else { return }
        decaySettings = (halfLife, floor)
        let h = Double(max(halfLife, 1e-3))
        let f = floor
        decay = (0..<4096).map { (r: Int) -> Float in
            let part = Float(exp2(-Double(r) / h))
            return f + (1 - f) * part
        }
    }
}

extension Recommender {
    /// Personalised top-k for `customer` (nil: an unknown customer, who gets the cold-start ranking).
    /// - Throws: `RecommendError.invalidArgument` for an out-of-range request.
    /// - Complexity: O(history · neighbours + candidates · log k) for item-kNN; plus one vector search with embeddings.
    public mutating func recommend(
        for customer: NodeID?, in s: GraphSnapshot, _ request: RecommendationRequest = RecommendationRequest()
    ) throws(RecommendError) -> [Recommendation] {
        try request.validate()
        nextGeneration()
        prepareDecay()
        touched.removeAll(keepingCapacity: true)
        let history = customer.map { readHistory($0, s) } ?? []
        lastHistoryCount = history.count
        let filter = request.filter
        let live = LiveCatalogue(s)
        var influencers: [NodeID] = []
        if let customer, let follows = model.follows, model.promotedBy != nil {
            s.forEachRelationship(of: customer, type: follows, direction: .outgoing) { i, _ in influencers.append(i) }
        }
        // `auto` with popularity chosen is the `popular` ranking (precomputed, no scoring pass).
        let strategy =
            request.strategy == .auto && model.selected?.candidate.kind == .popularity ? .popular : request.strategy
        let personal = strategy != .popular && strategy != .trending
        let coldStart = history.isEmpty && (influencers.isEmpty || ![.auto, .blend, .influencer].contains(strategy))
        if strategy == .auto && !history.isEmpty, let selected = model.selected, selected.candidate.kind != .blend {
            return rankWithSelectedModel(selected, history: history, request, live: live)
        }
        var w = SIMD8<Float>.zero
        if personal && !coldStart {
            switch strategy {
            case .blend, .auto:
                w[Self.knn] = weights.itemKNN
                w[Self.emb] = embeddings == nil ? 0 : weights.embedding
                w[Self.infl] = weights.influencer
                w[Self.cat] = weights.category
                w[Self.pop] = weights.popularity
            case .itemKNN: w[Self.knn] = 1
            case .embedding: w[Self.emb] = 1
            case .influencer: w[Self.infl] = 1
            case .category: w[Self.cat] = 1
            case .popular, .trending: break
            }
            if strategy != .blend && strategy != .auto { w[Self.pop] = 0.01 }
        } else if strategy == .popular {
            w[Self.pop] = 1
        } else {
            // Cold start and `trending`: what sells now, steadied by overall popularity.
            w[Self.trend] = strategy == .trending ? 1 : 0.5
            w[Self.pop] = strategy == .trending ? 0.01 : 0.5
            if !influencers.isEmpty && (strategy == .blend || strategy == .auto) { w[Self.infl] = weights.influencer }
        }
        let pool = max(50, 2 * request.k)

        // Candidate generation; every candidate is eligible (not owned, passes the filter).
        if w[Self.knn] > 0 {
            for (r, h) in history.enumerated() {
                let wr = recencyWeight(r)
                for e in Int(model.neighbourOffsets[h.item])..<Int(model.neighbourOffsets[h.item + 1]) {
                    let t = Int(model.neighbourItems[e])
                    guard isEligible(t, filter, live) else { continue }
                    touch(t)
                    let c = wr * model.neighbourSimilarity[e]
                    signal[t][Self.knn] += c
                    if c > knnBest[t] {
                        knnBest[t] = c
                        knnSource[t] = Int32(h.item)
                    }
                }
            }
        }
        if w[Self.emb] > 0, let embeddings, !history.isEmpty {
            var centroid: [Float] = []
            for (r, h) in history.prefix(100).enumerated() {
                guard let v = embeddings.vector(of: model.products[h.item]) else { continue }
                if centroid.isEmpty { centroid = [Float](repeating: 0, count: v.count) }
                guard v.count == centroid.count else { continue }
                let wr = recencyWeight(r)
                for d in v.indices { centroid[d] += wr * v[d] }
            }
            if !centroid.isEmpty {
                // Owned and filtered-out products are skipped inside the search, so `pool` eligible ones come back.
                let model = model
                // The history's items carry this call's stamp; the search reads the stamps, not a copy.
                let (ownedStamp, generation) = (ownedStamp, generation)
                let allowed: @Sendable (NodeID) -> Bool = { p in
                    guard let t = model.item(of: p) else { return false }
                    return ownedStamp[t] != generation && live.passes(p, filter)
                }
                for hit in embeddings.nearest(to: centroid, k: pool, allowed: allowed) {
                    guard let t = model.item(of: hit.product), isEligible(t, filter, live) else { continue }
                    touch(t)
                    signal[t][Self.emb] = max(0, hit.similarity)
                    signal[t][Self.embRaw] = hit.similarity
                }
            }
        }
        if w[Self.infl] > 0, let promotedBy = model.promotedBy {
            let share = 1 / Float(max(1, influencers.count))
            for i in influencers {
                s.forEachRelationship(of: i, type: promotedBy, direction: .incoming) { p, _ in
                    guard let t = model.item(of: p), isEligible(t, filter, live) else { return }
                    touch(t)
                    signal[t][Self.infl] += share
                    influencerSource[t] = i.rawValue
                }
            }
        }
        var affinity: [UInt32: Float] = [:]
        if w[Self.cat] > 0 && !history.isEmpty {
            var total: Float = 0
            for (r, h) in history.enumerated() {
                let wr = recencyWeight(r)
                total += wr
                for e in Int(model.categoryOffsets[h.item])..<Int(model.categoryOffsets[h.item + 1]) {
                    affinity[model.categoryNodes[e], default: 0] += wr
                }
            }
            for (c, a) in affinity { affinity[c] = a / total }
            let top = affinity.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
            for (c, _) in top {
                var added = 0
                // A `where` clause would go on visiting the rest of the category: stop once the pool is full.
                for t in model.itemsByCategory[c] ?? [] {
                    if added >= pool { break }
                    guard isEligible(Int(t), filter, live) else { continue }
                    touch(Int(t))
                    added += 1
                }
            }
        }
        if w[Self.trend] > 0 {
            var added = 0
            for t in model.trendingOrder {
                if added >= pool { break }
                guard isEligible(Int(t), filter, live) else { continue }
                touch(Int(t))
                added += 1
            }
        }
        if w[Self.pop] > 0 && (coldStart || !personal) {
            var added = 0
            for t in model.popularOrder {
                if added >= pool { break }
                guard isEligible(Int(t), filter, live) else { continue }
                touch(Int(t))
                added += 1
            }
        }

        // Per-candidate signals that need the candidate set, then normalisation.
        let categoryTop =
            affinity.isEmpty
            ? [:]
            : Dictionary(
                uniqueKeysWithValues: affinity.keys.map { c in
                    (c, model.itemsByCategory[c]?.first.map { model.popularity[Int($0)] } ?? 0)
                })
        var peak = SIMD8<Float>.zero
        for t32 in touched {
            let t = Int(t32)
            signal[t][Self.pop] = popularitySignal[t]
            signal[t][Self.trend] = model.trending[t]
            if !affinity.isEmpty {
                var best: Float = 0
                for e in Int(model.categoryOffsets[t])..<Int(model.categoryOffsets[t + 1]) {
                    let c = model.categoryNodes[e]
                    guard let a = affinity[c] else { continue }
                    let top = categoryTop[c] ?? 0
                    let v = a * (0.5 + 0.5 * (top > 0 ? model.popularity[t] / top : 0))
                    if v > best {
                        best = v
                        signal[t][Self.catAffinity] = a
                        categorySource[t] = c
                    }
                }
                signal[t][Self.cat] = best
            }
            peak = pointwiseMax(peak, signal[t])
        }
        var scale = SIMD8<Float>.zero
        for i in 0..<6 where peak[i] > 0 { scale[i] = w[i] / peak[i] }

        // Rank; fill from popularity and the catalogue when short.
        let wanted = request.diversity == nil ? request.k : max(3 * request.k, 30)
        var top = TopK(capacity: wanted)
        for t32 in touched {
            top.offer(t32, score: (signal[Int(t32)] * scale).sum())
        }
        var ranked = top.sorted()
        if ranked.count < wanted {
            for t in model.popularOrder {
                if ranked.count >= wanted { break }
                let i = Int(t)
                guard candidateStamp[i] != generation, isEligible(i, filter, live) else { continue }
                touch(i)
                signal[i][Self.pop] = popularitySignal[i]
                ranked.append((t, 0))
            }
        }
        if let lambda = request.diversity {
            ranked = diversify(ranked, k: request.k, lambda: Float(lambda))
        }
        return ranked.prefix(request.k).map {
            explain(Int($0.item), score: $0.score, scale: scale, coldStart: coldStart)
        }
    }

    /// Maximal marginal relevance: repeatedly picks the candidate with the best
    /// λ · relevance − (1 − λ) · (highest item-kNN similarity to an already picked one).
    func diversify(_ pool: [(item: UInt32, score: Float)], k: Int, lambda: Float) -> [(
        item: UInt32, score: Float
    )] {
        guard let best = pool.first?.score, best > 0 else { return pool }
        var rest = pool
        var redundancy = [Float](repeating: 0, count: rest.count)
        var out: [(item: UInt32, score: Float)] = []
        while out.count < k && !rest.isEmpty {
            var pick = 0
            var pickValue = -Float.infinity
            for (i, c) in rest.enumerated() {
                let v = lambda * c.score / best - (1 - lambda) * redundancy[i]
                if v > pickValue {
                    pickValue = v
                    pick = i
                }
            }
            let chosen = rest.remove(at: pick)
            redundancy.remove(at: pick)
            out.append(chosen)
            for i in rest.indices {
                let s = max(
                    model.similarity(Int(chosen.item), Int(rest[i].item)),
                    model.similarity(Int(rest[i].item), Int(chosen.item)))
                redundancy[i] = max(redundancy[i], s)
            }
        }
        return out
    }

    private func explain(_ t: Int, score: Float, scale: SIMD8<Float>, coldStart: Bool) -> Recommendation {
        typealias C = Recommendation.Contribution
        let v = signal[t] * scale
        var parts: [C] = []
        if v[Self.knn] > 0 {
            let source = knnSource[t] >= 0 ? Int(knnSource[t]) : nil
            parts.append(
                C(
                    signal: .itemKNN, value: Double(v[Self.knn]), because: source.map { model.products[$0] },
                    detail: Double(source.map { model.similarity($0, t) } ?? 0)))
        }
        if v[Self.emb] > 0 {
            parts.append(
                C(signal: .embedding, value: Double(v[Self.emb]), because: nil, detail: Double(signal[t][Self.embRaw])))
        }
        if v[Self.infl] > 0 {
            parts.append(
                C(signal: .influencer, value: Double(v[Self.infl]), because: NodeID(influencerSource[t]), detail: 0))
        }
        if v[Self.cat] > 0 {
            parts.append(
                C(
                    signal: .category, value: Double(v[Self.cat]), because: NodeID(categorySource[t]),
                    detail: Double(signal[t][Self.catAffinity])))
        }
        if v[Self.trend] > 0 {
            parts.append(
                C(signal: .trending, value: Double(v[Self.trend]), because: nil, detail: Double(model.trending[t])))
        }
        if v[Self.pop] > 0 || parts.isEmpty {
            parts.append(
                C(signal: .popular, value: Double(v[Self.pop]), because: nil, detail: Double(model.popularity[t])))
        }
        parts.sort { $0.value > $1.value }
        return Recommendation(
            product: model.products[t], score: Double(score), contributions: parts, coldStart: coldStart)
    }
}
