import Dispatch
import Synchronization
import VectorKernels

#if canImport(Glibc)
    import Glibc
#endif

/// Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren and Volinsky,
/// "Collaborative Filtering for Implicit Feedback Datasets", ICDM 2008).
///
/// Every (user, item) pair has a preference p = 1 when the user has the item and 0 otherwise, and
/// a confidence c = 1 + α · count (count = 1 for binary data; pairs without the item have c = 1).
/// ALS minimises Σ c (p − xᵤ·yᵢ)² + λ (Σ‖xᵤ‖² + Σ‖yᵢ‖²) by solving, in turn for every user and
/// then every item, the normal equations
///
///     (YᵀY + λI + Σᵢ∈I(u) (c − 1) yᵢyᵢᵀ) xᵤ = Σᵢ∈I(u) c yᵢ
///
/// where YᵀY is computed once per half-step (BLAS `ssyrk`), so a row costs O(|I(u)|·f) per
/// conjugate-gradient step (warm-started from the previous factors, as the `implicit` library does)
/// or O(|I(u)|·f² + f³) for the exact Cholesky solve (LAPACK `sposv`).
///
/// Rows are solved in parallel above single-threaded BLAS; each row depends only on the other
/// side's factors and its own previous value, so the result is the same on any number of threads.
/// Factors start from a seeded SplitMix64 generator, so a fit is reproducible.
///
/// A user is scored by folding their history in (the exact solve of their normal equations against
/// the fitted item factors), so a purchase made after the fit counts at once; the scores are Y·xᵤ.
public struct ImplicitALS: RankingStrategy {
    public struct Parameters: Sendable, Hashable, CustomStringConvertible {
        /// Latent dimensions f.
        public var factors = 64
        /// λ, the L2 penalty on every factor row.
        public var regularization: Float = 1
        /// α in c = 1 + α · count.
        public var alpha: Float = 10
        /// Alternations (each solves every user, then every item).
        public var iterations = 15
        /// Conjugate-gradient steps per row and half-step; nil solves each row exactly (Cholesky).
        public var conjugateGradientSteps: Int? = 3
        /// The seed of the initial factors.
        public var seed: UInt64 = 42
        /// Worker threads (nil: every core).
        public var workers: Int? = nil

        public init(
            factors: Int = 64, regularization: Float = 1, alpha: Float = 10, iterations: Int = 15,
            conjugateGradientSteps: Int? = 3, seed: UInt64 = 42, workers: Int? = nil
        ) {
            self.factors = factors
            self.regularization = regularization
            self.alpha = alpha
            self.iterations = iterations
            self.conjugateGradientSteps = conjugateGradientSteps
            self.seed = seed
            self.workers = workers
        }

        public var description: String {
            "f=\(factors), λ=\(EASE.format(regularization)), α=\(EASE.format(alpha)), \(iterations) it"
        }
    }

    public let name: String
    public let users: Int
    public let items: Int
    public let parameters: Parameters
    /// X, `users × factors`, row-major.
    public let userFactors: [Float]
    /// Y, `items × factors`, row-major.
    public let itemFactors: [Float]
    /// YᵀY of the final item factors (for folding a history in).
    let itemGram: [Float]

    /// Fits the model on `split`'s train histories (binary: every count is 1).
    public init(_ split: EvaluationSplit, parameters: Parameters = Parameters()) throws(RecommendError) {
        try self.init(users: split.users, items: split.items, histories: split.history, parameters: parameters)
    }

    /// Fits the model.
    /// - Parameters:
    ///   - histories: each user's distinct items (any order).
    ///   - counts: per user, the count of each history item (same order); nil counts every pair once.
    /// - Throws: `RecommendError.invalidArgument` for parameters out of range or an item out of the
    ///   catalogue, `.numerical` when a normal-equation system is not positive definite.
    /// - Complexity: O(iterations · ((users + items) · f² + pairs · f · steps)) with conjugate
    ///   gradient; O(iterations · (pairs · f² + (users + items) · f³)) with Cholesky.
    public init(
        users: Int, items: Int, histories: [[UInt32]], counts: [[Float]]? = nil, parameters: Parameters = Parameters()
    ) throws(RecommendError) {
        let f = parameters.factors
        guard (1...1024).contains(f), parameters.regularization > 0, parameters.regularization.isFinite,
            parameters.alpha >= 0, parameters.alpha.isFinite, (0...1000).contains(parameters.iterations),
            (parameters.conjugateGradientSteps ?? 1) >= 1, histories.count == users, items > 0
        else {
            throw RecommendError(
                .invalidArgument,
                "ALS needs 1...1024 factors, λ > 0, α ≥ 0, 0...1000 iterations, ≥ 1 CG step, one history per user and items")
        }
        if let counts {
            guard counts.count == users, zip(counts, histories).allSatisfy({ $0.count == $1.count }) else {
                throw RecommendError(.invalidArgument, "ALS counts must match the histories entry for entry")
            }
        }
        for h in histories where h.contains(where: { Int($0) >= items }) {
            throw RecommendError(.invalidArgument, "an ALS history names an item outside the \(items) items")
        }
        // Both orientations in CSR, with the confidence − 1 of every entry.
        var userOffsets = [0]
        userOffsets.reserveCapacity(users + 1)
        var userItems: [UInt32] = []
        var userWeights: [Float] = []
        var itemDegree = [Int](repeating: 0, count: items)
        for (u, h) in histories.enumerated() {
            for (e, i) in h.enumerated() {
                userItems.append(i)
                userWeights.append(parameters.alpha * (counts?[u][e] ?? 1))
                itemDegree[Int(i)] += 1
            }
            userOffsets.append(userItems.count)
        }
        var itemOffsets = [Int](repeating: 0, count: items + 1)
        for i in 0..<items { itemOffsets[i + 1] = itemOffsets[i] + itemDegree[i] }
        var itemUsers = [UInt32](repeating: 0, count: userItems.count)
        var itemWeights = [Float](repeating: 0, count: userItems.count)
        var fill = itemOffsets
        for u in 0..<users {
            for e in userOffsets[u]..<userOffsets[u + 1] {
                let i = Int(userItems[e])
                itemUsers[fill[i]] = UInt32(u)
                itemWeights[fill[i]] = userWeights[e]
                fill[i] += 1
            }
        }

        var state = parameters.seed
        func uniform() -> Float {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Float(z >> 40) / Float(1 << 24)
        }
        let scale = 0.1 / Float(f).squareRoot()
        var x = (0..<(users * f)).map { _ in (uniform() - 0.5) * scale }
        var y = (0..<(items * f)).map { _ in (uniform() - 0.5) * scale }
        var gram = [Float](repeating: 0, count: f * f)
        let threads = max(1, min(parameters.workers ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 64))
        var failure: RecommendError?
        for _ in 0..<parameters.iterations {
            for side in 0..<2 {
                let (rows, offsets, columns, weights) =
                    side == 0
                    ? (users, userOffsets, userItems, userWeights) : (items, itemOffsets, itemUsers, itemWeights)
                let fixedRows = side == 0 ? items : users
                var solved = side == 0 ? x : y
                let fixed = side == 0 ? y : x
                fixed.withUnsafeBufferPointer { fx in
                    gram.withUnsafeMutableBufferPointer { g in
                        BLAS.gramian(rows: fixedRows, cols: f, a: fx.baseAddress!, lda: f, c: g.baseAddress!)
                    }
                }
                let info = Self.solveRows(
                    rows: rows, offsets: offsets, columns: columns, weights: weights, fixed: fixed, gram: gram,
                    into: &solved, factors: f, lambda: parameters.regularization,
                    steps: parameters.conjugateGradientSteps, threads: threads)
                if info != 0 && failure == nil {
                    failure = RecommendError(.numerical, "an ALS normal-equation system is not positive definite (info \(info))")
                }
                if side == 0 { x = solved } else { y = solved }
            }
        }
        if let failure { throw failure }
        y.withUnsafeBufferPointer { fy in
            gram.withUnsafeMutableBufferPointer { g in
                BLAS.gramian(rows: items, cols: f, a: fy.baseAddress!, lda: f, c: g.baseAddress!)
            }
        }
        name = "ALS (\(parameters))"
        self.users = users
        self.items = items
        self.parameters = parameters
        userFactors = x
        itemFactors = y
        itemGram = gram
    }

    /// Solves every row of one side in parallel; returns the first nonzero LAPACK info (0 when all succeed).
    private static func solveRows(
        rows: Int, offsets: [Int], columns: [UInt32], weights: [Float], fixed: [Float], gram: [Float],
        into solved: inout [Float], factors f: Int, lambda: Float, steps: Int?, threads: Int
    ) -> Int {
        let next = Atomic<Int>(0)
        let failure = Atomic<Int>(0)
        solved.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: min(threads, max(1, rows / 64))) { _ in
                var solver = ALSRowSolver(factors: f)
                while true {
                    let start = next.add(64, ordering: .relaxed).oldValue
                    if start >= rows { break }
                    for r in start..<min(rows, start + 64) {
                        let span = offsets[r]..<offsets[r + 1]
                        let row = UnsafeMutableBufferPointer(rebasing: out[(r * f)..<((r + 1) * f)])
                        if let steps {
                            solver.conjugateGradient(
                                gram: gram, lambda: lambda, fixed: fixed, columns: columns[span],
                                weights: weights[span], x: row, steps: steps)
                        } else {
                            let info = solver.cholesky(
                                gram: gram, lambda: lambda, fixed: fixed, columns: columns[span],
                                weights: weights[span], x: row)
                            if info != 0 { _ = failure.compareExchange(expected: 0, desired: info, ordering: .relaxed) }
                        }
                    }
                }
            }
        }
        return failure.load(ordering: .relaxed)
    }

    /// The user vector of `history` against the fitted item factors: the exact solve of the user's
    /// normal equations (every count 1 unless `counts` is given, in the order of `history`).
    /// Items outside the catalogue are ignored; an empty history gives the zero vector.
    /// - Complexity: O(|history| · f² + f³).
    public func userVector(history: [UInt32], counts: [Float]? = nil) -> [Float] {
        let f = parameters.factors
        var x = [Float](repeating: 0, count: f)
        var columns: [UInt32] = []
        var weights: [Float] = []
        for (e, i) in history.enumerated() where Int(i) < items {
            columns.append(i)
            weights.append(parameters.alpha * (counts?[e] ?? 1))
        }
        guard !columns.isEmpty else { return x }
        var solver = ALSRowSolver(factors: f)
        let info = x.withUnsafeMutableBufferPointer {
            solver.cholesky(
                gram: itemGram, lambda: parameters.regularization, fixed: itemFactors, columns: columns[...],
                weights: weights[...], x: $0)
        }
        if info != 0 { return [Float](repeating: 0, count: f) }
        return x
    }

    public func score(history: [UInt32], into scores: UnsafeMutableBufferPointer<Float>) {
        let x = userVector(history: history)
        itemFactors.withUnsafeBufferPointer { y in
            x.withUnsafeBufferPointer { v in
                BLAS.gemv(
                    .none, rows: items, cols: parameters.factors, a: y.baseAddress!, lda: parameters.factors,
                    x: v.baseAddress!, beta: 1, y: scores.baseAddress!)
            }
        }
    }

    /// How much each history item adds to item `t`'s score: with A the user's system matrix,
    /// score(t) = Σⱼ cⱼ · yₜᵀ A⁻¹ yⱼ, so history item j contributes cⱼ · yₜᵀ A⁻¹ yⱼ (the
    /// explanation of Hu et al., section 5). Returns the largest contributor per item of `targets`.
    /// - Complexity: O(|history| · f² + f³ + |targets| · |history| · f).
    public func strongestContributors(history: [UInt32], targets: [Int]) -> [(item: UInt32, value: Float)?] {
        let f = parameters.factors
        let h = history.filter { Int($0) < items }
        guard !h.isEmpty else { return targets.map { _ in nil } }
        // A⁻¹ cⱼ yⱼ for every history item, by one factorisation and |h| solves.
        var a = itemGram
        for d in 0..<f { a[d * f + d] += parameters.regularization }
        let c = 1 + parameters.alpha
        itemFactors.withUnsafeBufferPointer { y in
            for j in h {
                let row = Int(j) * f
                for p in 0..<f {
                    let yp = y[row + p] * (c - 1)
                    for q in 0..<f { a[p * f + q] += yp * y[row + q] }
                }
            }
        }
        var solved: [Float] = []
        solved.reserveCapacity(h.count * f)
        var factor = a
        let info = factor.withUnsafeMutableBufferPointer { fa in
            BLAS.invertSymmetricPositiveDefinite(fa.baseAddress!, n: f)
        }
        guard info == 0 else { return targets.map { _ in nil } }
        for j in h {
            let row = Int(j) * f
            for p in 0..<f {
                var s: Float = 0
                for q in 0..<f { s += factor[p * f + q] * itemFactors[row + q] }
                solved.append(c * s)
            }
        }
        return targets.map { t in
            var best: (item: UInt32, value: Float)?
            for (e, j) in h.enumerated() {
                var s: Float = 0
                for p in 0..<f { s += itemFactors[t * f + p] * solved[e * f + p] }
                if best == nil || s > best!.value { best = (j, s) }
            }
            return best
        }
    }
}

/// The scratch of one row solve of ALS (one per worker thread).
struct ALSRowSolver {
    let f: Int
    private var r: [Float]
    private var p: [Float]
    private var ap: [Float]
    private var system: [Float]
    private var gathered: [Float]

    init(factors: Int) {
        f = factors
        r = [Float](repeating: 0, count: factors)
        p = r
        ap = r
        system = [Float](repeating: 0, count: factors * factors)
        gathered = []
    }

    /// `out = (G + λI) v + Σ w (y·v) y` over the row's entries.
    private static func apply(
        f: Int, gram: UnsafePointer<Float>, lambda: Float, fixed: UnsafePointer<Float>, columns: ArraySlice<UInt32>,
        weights: ArraySlice<Float>, v: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>
    ) {
        BLAS.gemv(.none, rows: f, cols: f, a: gram, lda: f, x: v, y: out)
        for d in 0..<f { out[d] += lambda * v[d] }
        for (i, w) in zip(columns, weights) {
            let y = fixed + Int(i) * f
            let s = w * BLAS.dot(y, v, count: f)
            BLAS.axpy(s, y, out, count: f)
        }
    }

    /// A few conjugate-gradient steps on the row's normal equations, from the row's current value.
    mutating func conjugateGradient(
        gram: [Float], lambda: Float, fixed: [Float], columns: ArraySlice<UInt32>, weights: ArraySlice<Float>,
        x: UnsafeMutableBufferPointer<Float>, steps: Int
    ) {
        let f = f
        gram.withUnsafeBufferPointer { g in
            fixed.withUnsafeBufferPointer { fx in
                r.withUnsafeMutableBufferPointer { r in
                    p.withUnsafeMutableBufferPointer { p in
                        ap.withUnsafeMutableBufferPointer { ap in
                            // r = b − A x, with b = Σ (1 + w) y.
                            Self.apply(
                                f: f, gram: g.baseAddress!, lambda: lambda, fixed: fx.baseAddress!, columns: columns,
                                weights: weights, v: UnsafePointer(x.baseAddress!), out: ap.baseAddress!)
                            for d in 0..<f { r[d] = -ap[d] }
                            for (i, w) in zip(columns, weights) {
                                BLAS.axpy(1 + w, fx.baseAddress! + Int(i) * f, r.baseAddress!, count: f)
                            }
                            for d in 0..<f { p[d] = r[d] }
                            var rsOld = BLAS.dot(r.baseAddress!, r.baseAddress!, count: f)
                            for _ in 0..<steps {
                                if rsOld < 1e-20 { break }
                                Self.apply(
                                    f: f, gram: g.baseAddress!, lambda: lambda, fixed: fx.baseAddress!, columns: columns,
                                    weights: weights, v: UnsafePointer(p.baseAddress!), out: ap.baseAddress!)
                                let pAp = BLAS.dot(p.baseAddress!, ap.baseAddress!, count: f)
                                guard pAp > 0 else { break }
                                let a = rsOld / pAp
                                BLAS.axpy(a, p.baseAddress!, x.baseAddress!, count: f)
                                BLAS.axpy(-a, ap.baseAddress!, r.baseAddress!, count: f)
                                let rsNew = BLAS.dot(r.baseAddress!, r.baseAddress!, count: f)
                                let beta = rsNew / rsOld
                                for d in 0..<f { p[d] = r[d] + beta * p[d] }
                                rsOld = rsNew
                            }
                        }
                    }
                }
            }
        }
    }

    /// The exact solve of the row's normal equations (Cholesky). Returns LAPACK's info.
    mutating func cholesky(
        gram: [Float], lambda: Float, fixed: [Float], columns: ArraySlice<UInt32>, weights: ArraySlice<Float>,
        x: UnsafeMutableBufferPointer<Float>
    ) -> Int {
        let f = f
        let n = columns.count
        if gathered.count < n * f { gathered = [Float](repeating: 0, count: n * f) }
        for d in 0..<(f * f) { system[d] = gram[d] }
        for d in 0..<f {
            system[d * f + d] += lambda
            x[d] = 0
        }
        fixed.withUnsafeBufferPointer { fx in
            gathered.withUnsafeMutableBufferPointer { gm in
                for (e, (i, w)) in zip(columns, weights).enumerated() {
                    let s = w.squareRoot()
                    let y = Int(i) * f
                    for d in 0..<f {
                        gm[e * f + d] = s * fx[y + d]
                        x[d] += (1 + w) * fx[y + d]
                    }
                }
                if n > 0 {
                    system.withUnsafeMutableBufferPointer { a in
                        BLAS.gramian(rows: n, cols: f, a: gm.baseAddress!, lda: f, beta: 1, c: a.baseAddress!)
                    }
                }
            }
        }
        return system.withUnsafeMutableBufferPointer { a in
            BLAS.solveSymmetricPositiveDefinite(a.baseAddress!, x.baseAddress!, n: f)
        }
    }
}
