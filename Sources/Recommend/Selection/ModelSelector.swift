import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The `auto` strategy's model choice: holds out each customer's most recent purchases
/// (`EvaluationSplit.lastPurchase`), fits every candidate that the budget allows on the rest,
/// ranks the whole catalogue for each evaluated customer, picks the best mean NDCG@10 and refits
/// it on all the data.
///
/// Budget (`Options`):
/// - **memory**: EASE holds three dense products × products float32 matrices while it fits
///   (Gram, inverse, weights), 12·n² bytes; it is a candidate only when that fits `memoryBytes`
///   (512 MiB: up to 6,689 products, about 10¹¹ flops per λ). Item-kNN and RP3β are built sparsely
///   (O(pairs + products · neighbours) memory), ALS holds (customers + products) · f floats, so
///   they are candidates at any size.
/// - **time**: at most `maxEvaluatedCustomers` customers are ranked (a seeded sample), each
///   candidate's ranking runs on every core, and the grid is small (3 EASE λ, 2 item-kNN, 2 RP3β,
///   3 ALS, the blend and popularity).
public enum ModelSelector {
    public struct Options: Sendable, Hashable {
        /// The most memory a candidate's dense matrices may take.
        public var memoryBytes = 512 << 20
        /// Customers ranked on the holdout, at most.
        public var maxEvaluatedCustomers = 2_000
        /// Customers whose purchases the candidates are fitted on during the selection, at most (a
        /// seeded sample when there are more; the chosen model is then refitted on everyone). This
        /// bounds the selection's time on large data.
        public var maxSelectionCustomers = 50_000
        /// The seed of the customer sample (and of a holdout drawn without timestamps).
        public var seed: UInt64 = 7
        /// Worker threads (nil: every core).
        public var workers: Int? = nil
        /// The candidates to try; nil: `defaultCandidates`.
        public var candidates: [ModelCandidate]? = nil
        /// Below this many evaluated customers the figures cannot tell the candidates apart, and
        /// the blend (which also draws on categories, influencers and vectors) is kept.
        public var minEvaluatedCustomers = 50

        public init() {}

        /// The largest catalogue EASE may be fitted on under `memoryBytes`.
        public var maxEASEProducts: Int { Int((Double(memoryBytes) / 12).squareRoot()) }
    }

    /// The default grid, simplest first (ties go to the earlier one). None is tuned to a data set:
    /// EASE's λ spans the reference protocol's 50…200 and one step beyond; ALS uses Hu et al.'s
    /// α = 40 and two milder confidences.
    public static let defaultCandidates: [ModelCandidate] = [
        ModelCandidate(.popularity),
        ModelCandidate(.blend),
        ModelCandidate(.itemKNN, neighbours: 50),
        ModelCandidate(.itemKNN, neighbours: 200),
        ModelCandidate(.rp3beta, neighbours: 100, beta: 0.3),
        ModelCandidate(.rp3beta, neighbours: 100, beta: 0.6),
        ModelCandidate(.ease, lambda: 50, neighbours: ModelCandidate.easeNeighbours),
        ModelCandidate(.ease, lambda: 200, neighbours: ModelCandidate.easeNeighbours),
        ModelCandidate(.ease, lambda: 800, neighbours: ModelCandidate.easeNeighbours),
        ModelCandidate(.als, lambda: 1, factors: 64, alpha: 40, iterations: 15),
        ModelCandidate(.als, lambda: 0.1, factors: 64, alpha: 10, iterations: 15),
        ModelCandidate(.als, lambda: 0.05, factors: 128, alpha: 2, iterations: 15),
    ]

    /// Selects a model for `x` (users = customers, items = products) and refits it on all of `x`.
    /// - Throws: `RecommendError.emptyData` when `x` has no events, or the refit's error.
    public static func select(
        _ x: Interactions, options: Options = Options(), log: (String) -> Void = { _ in }
    ) throws(RecommendError) -> (ModelSelection, FittedModel) {
        guard !x.events.isEmpty else { throw RecommendError(.emptyData, "no purchases to select a model on") }
        let clock = ContinuousClock()
        let start = clock.now
        let sampled = x.users > options.maxSelectionCustomers
        let holdout = EvaluationSplit.lastPurchase(
            sampled ? customerSample(x, options.maxSelectionCustomers, seed: options.seed) : x, seed: options.seed)
        var users = holdout.evaluatedUsers
        if users.count > options.maxEvaluatedCustomers {
            users = sample(users, options.maxEvaluatedCustomers, seed: options.seed)
        }
        let maxEASE = options.maxEASEProducts
        let budget =
            "memory \(options.memoryBytes >> 20) MiB (EASE up to \(maxEASE) products), "
            + "at most \(options.maxEvaluatedCustomers) customers ranked"
            + (sampled ? ", candidates fitted on a sample of \(options.maxSelectionCustomers) customers" : "")
        var rows: [ModelSelection.Row] = []
        for c in options.candidates ?? defaultCandidates {
            if c.kind == .ease && x.items > maxEASE {
                rows.append(
                    .init(candidate: c, skipped: "\(x.items) products need \((12 * x.items * x.items) >> 20) MiB (> budget)"))
                continue
            }
            if users.count < options.minEvaluatedCustomers {
                rows.append(
                    .init(
                        candidate: c,
                        skipped: "\(users.count) customers with purchases at two different times "
                            + "(< \(options.minEvaluatedCustomers)): too few to compare, the blend is kept"))
                continue
            }
            let fitStart = clock.now
            let model: FittedModel
            do {
                model = try c.fit(holdout, workers: options.workers)
            } catch {
                rows.append(.init(candidate: c, skipped: error.message))
                continue
            }
            let fitSeconds = (clock.now - fitStart).seconds
            let (ndcg, recall) = evaluate(model, holdout, users: users, workers: options.workers)
            let mean = ndcg.reduce(0, +) / Double(ndcg.count)
            let ci = try PairedBootstrap([Double](repeating: 0, count: ndcg.count), ndcg, seed: options.seed)
            let row = ModelSelection.Row(
                candidate: c, ndcg10: mean, ndcg10Low: ci.low, ndcg10High: ci.high,
                recall10: recall.reduce(0, +) / Double(recall.count), fitSeconds: fitSeconds)
            log(
                "auto: \(c) NDCG@10 \(EvaluationResult.fixed(mean, 4)) [\(EvaluationResult.fixed(ci.low, 4)), "
                    + "\(EvaluationResult.fixed(ci.high, 4))] (fit \(EvaluationResult.fixed(fitSeconds, 2)) s)")
            rows.append(row)
        }
        var chosen = ModelCandidate(.blend)
        var best = -1.0
        for r in rows where r.skipped.isEmpty && r.ndcg10 > best {
            best = r.ndcg10
            chosen = r.candidate
        }
        let refitStart = clock.now
        let fitted = try chosen.fit(.everything(x), workers: options.workers)
        let selection = ModelSelection(
            chosen: chosen, rows: rows, customers: x.users, products: x.items, pairs: holdoutPairs(x),
            evaluatedCustomers: users.count, refitSeconds: (clock.now - refitStart).seconds,
            totalSeconds: (clock.now - start).seconds, budget: budget)
        log("auto: chose \(chosen) (refit \(EvaluationResult.fixed(selection.refitSeconds, 2)) s)")
        return (selection, fitted)
    }

    /// Refits an earlier choice on `x` without evaluating again (a rebuild after writes).
    public static func refit(
        _ earlier: ModelSelection, on x: Interactions, options: Options = Options()
    ) throws(RecommendError) -> (ModelSelection, FittedModel) {
        let clock = ContinuousClock()
        let start = clock.now
        let fitted = try earlier.chosen.fit(.everything(x), workers: options.workers)
        var s = earlier
        s.customers = x.users
        s.products = x.items
        s.pairs = holdoutPairs(x)
        s.refitSeconds = (clock.now - start).seconds
        s.reused = true
        return (s, fitted)
    }

    /// Whether an earlier selection still describes data of this size (within 25% in customers,
    /// products and pairs), so that its choice can be refitted instead of evaluated again.
    public static func stillApplies(_ earlier: ModelSelection, to x: Interactions) -> Bool {
        func near(_ a: Int, _ b: Int) -> Bool { Double(abs(a - b)) <= 0.25 * Double(max(a, b, 1)) }
        if earlier.chosen.kind == .ease && x.items > Options().maxEASEProducts { return false }
        return near(earlier.customers, x.users) && near(earlier.products, x.items) && near(earlier.pairs, holdoutPairs(x))
    }

    private static func holdoutPairs(_ x: Interactions) -> Int {
        var seen = Set<UInt64>()
        for e in x.events { seen.insert(UInt64(e.user) << 32 | UInt64(e.item)) }
        return seen.count
    }

    /// The events of `k` customers drawn with `seed`, renumbered 0..<k (products unchanged).
    static func customerSample(_ x: Interactions, _ k: Int, seed: UInt64) -> Interactions {
        let chosen = sample(Array(0..<x.users), k, seed: seed)
        var index = [Int32](repeating: -1, count: x.users)
        for (n, u) in chosen.enumerated() { index[u] = Int32(n) }
        let events = x.events.compactMap { e -> Interactions.Event? in
            let n = index[Int(e.user)]
            return n < 0 ? nil : Interactions.Event(user: UInt32(n), item: e.item, time: e.time)
        }
        // In range by construction.
        return (try? Interactions(users: chosen.count, items: x.items, events: events)) ?? x
    }

    /// `k` of `users`, drawn without replacement by a seeded partial Fisher–Yates shuffle, sorted.
    static func sample(_ users: [Int], _ k: Int, seed: UInt64) -> [Int] {
        var a = users
        var state = seed
        for i in 0..<min(k, a.count) {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let j = i + Int(z % UInt64(a.count - i))
            a.swapAt(i, j)
        }
        return Array(a.prefix(k)).sorted()
    }

    /// Per evaluated user, NDCG@10 and recall@10 of `model`'s ranking of every item not in their
    /// train set (ties: the smaller item first), in parallel.
    static func evaluate(
        _ model: some RankingStrategy, _ split: EvaluationSplit, users: [Int], workers: Int?
    ) -> (ndcg: [Double], recall: [Double]) {
        let threads = max(1, min(workers ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 64))
        let next = Atomic<Int>(0)
        let out = Mutex<[(Int, Double, Double)]>([])
        DispatchQueue.concurrentPerform(iterations: min(threads, users.count)) { _ in
            var scores = [Float](repeating: 0, count: split.items)
            var heap = TopK(capacity: 10)
            var local: [(Int, Double, Double)] = []
            while true {
                let n = next.add(1, ordering: .relaxed).oldValue
                if n >= users.count { break }
                let u = users[n]
                let history = split.history[u]
                scores.withUnsafeMutableBufferPointer { s in
                    s.update(repeating: 0)
                    model.score(user: u, history: history, into: s)
                    for j in history { s[Int(j)] = -.infinity }
                    heap.removeAll()
                    for t in 0..<s.count where s[t] != -.infinity { heap.offer(UInt32(t), score: s[t]) }
                }
                let ranked = heap.sorted().map(\.item)
                let relevant = Set(split.test[u])
                local.append(
                    (
                        n, RankingMetrics.ndcg(ranked, relevant: relevant, k: 10),
                        RankingMetrics.recall(ranked, relevant: relevant, k: 10)
                    ))
            }
            out.withLock { $0 += local }
        }
        var ndcg = [Double](repeating: 0, count: users.count)
        var recall = [Double](repeating: 0, count: users.count)
        for (n, g, r) in out.withLock({ $0 }) {
            ndcg[n] = g
            recall[n] = r
        }
        return (ndcg, recall)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
