/// What the automatic selection chose and the evidence: every candidate's figures on the holdout
/// of each customer's most recent purchases. Stored with the data (`encoded`) and reported by
/// `ignitabull eval`, `ignitabull stats` and `GET /db/{db}/recommender`.
public struct ModelSelection: Sendable, Hashable {
    /// One candidate's evaluation.
    public struct Row: Sendable, Hashable {
        public var candidate: ModelCandidate
        /// Mean NDCG@10 over the evaluated customers, with its 95% bootstrap interval.
        public var ndcg10: Double
        public var ndcg10Low: Double
        public var ndcg10High: Double
        public var recall10: Double
        /// Seconds to fit on the holdout's train part.
        public var fitSeconds: Double
        /// Why it was not evaluated (over the budget, a numerical failure); empty when it was.
        public var skipped: String = ""

        public init(
            candidate: ModelCandidate, ndcg10: Double = 0, ndcg10Low: Double = 0, ndcg10High: Double = 0,
            recall10: Double = 0, fitSeconds: Double = 0, skipped: String = ""
        ) {
            self.candidate = candidate
            self.ndcg10 = ndcg10
            self.ndcg10Low = ndcg10Low
            self.ndcg10High = ndcg10High
            self.recall10 = recall10
            self.fitSeconds = fitSeconds
            self.skipped = skipped
        }
    }

    public var chosen: ModelCandidate
    public var rows: [Row]
    /// Customers and products of the data, distinct (customer, product) pairs.
    public var customers: Int
    public var products: Int
    public var pairs: Int
    /// Customers ranked on the holdout (a seeded sample when there are more than the budget allows).
    public var evaluatedCustomers: Int
    /// Seconds to refit the chosen model on all the data.
    public var refitSeconds: Double
    /// Seconds of the whole selection (fits and rankings of every candidate, and the refit).
    public var totalSeconds: Double
    /// The budget in words (what limited the candidates).
    public var budget: String
    /// Whether the choice was taken from an earlier selection and only refitted.
    public var reused: Bool = false

    public init(
        chosen: ModelCandidate, rows: [Row], customers: Int, products: Int, pairs: Int, evaluatedCustomers: Int,
        refitSeconds: Double, totalSeconds: Double, budget: String, reused: Bool = false
    ) {
        self.chosen = chosen
        self.rows = rows
        self.customers = customers
        self.products = products
        self.pairs = pairs
        self.evaluatedCustomers = evaluatedCustomers
        self.refitSeconds = refitSeconds
        self.totalSeconds = totalSeconds
        self.budget = budget
        self.reused = reused
    }

    /// A fixed-width table: candidate, NDCG@10 [95% interval], recall@10, fit seconds; the chosen one marked.
    public var table: String {
        let f = EvaluationResult.fixed
        var lines = [
            "auto chose \(chosen) on \(evaluatedCustomers) customers' most recent purchases "
                + "(\(customers) customers, \(products) products, \(pairs) pairs; refit \(f(refitSeconds, 2)) s, "
                + "selection \(f(totalSeconds, 2)) s\(reused ? ", choice reused" : ""))",
            "budget: \(budget)",
        ]
        let header = ["", "candidate", "NDCG@10", "95% interval", "recall@10", "fit s"]
        var cells = [header]
        for r in rows {
            cells.append(
                r.skipped.isEmpty
                    ? [
                        r.candidate == chosen ? "*" : "", r.candidate.description, f(r.ndcg10, 4),
                        "[\(f(r.ndcg10Low, 4)), \(f(r.ndcg10High, 4))]", f(r.recall10, 4), f(r.fitSeconds, 2),
                    ] : ["", r.candidate.description, "-", "skipped: \(r.skipped)", "-", "-"])
        }
        var widths = [Int](repeating: 0, count: header.count)
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        for row in cells {
            lines.append(
                row.enumerated().map { i, c in
                    let pad = String(repeating: " ", count: widths[i] - c.count)
                    return i < 2 || i == 3 ? c + pad : pad + c
                }.joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }

    /// A line-based text form: a header line, `key\tvalue` lines, then one `row\t…` line per
    /// candidate (tab-separated; no field holds a tab or a newline).
    public var encoded: String {
        var lines = [
            "ignitabull-model-selection\t1", "chosen\t\(chosen.encoded)", "customers\t\(customers)",
            "products\t\(products)", "pairs\t\(pairs)", "evaluated\t\(evaluatedCustomers)",
            "refit\t\(refitSeconds)", "total\t\(totalSeconds)", "budget\t\(Self.clean(budget))",
            "reused\t\(reused ? 1 : 0)",
        ]
        for r in rows {
            lines.append(
                [
                    "row", r.candidate.encoded, "\(r.ndcg10)", "\(r.ndcg10Low)", "\(r.ndcg10High)", "\(r.recall10)",
                    "\(r.fitSeconds)", Self.clean(r.skipped),
                ].joined(separator: "\t"))
        }
        return lines.joined(separator: "\n")
    }

    private static func clean(_ s: String) -> String {
        String(s.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    /// Reads `encoded`. - Throws: `RecommendError.malformedInput` naming the line.
    public init(encoded text: String) throws(RecommendError) {
        var fields: [String: String] = [:]
        var rows: [Row] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func bad(_ why: String) -> RecommendError {
                RecommendError(.malformedInput, "model selection, line \(n + 1): \(why)")
            }
            if n == 0 {
                guard parts == ["ignitabull-model-selection", "1"] else { throw bad("not a model selection (version 1)") }
                continue
            }
            if parts.first == "row" {
                guard parts.count == 8 else { throw bad("a row needs 8 fields, found \(parts.count)") }
                let numbers = parts[2...6].compactMap(Double.init)
                guard numbers.count == 5 else { throw bad("a row's figures must be numbers") }
                rows.append(
                    Row(
                        candidate: try ModelCandidate(encoded: parts[1]), ndcg10: numbers[0], ndcg10Low: numbers[1],
                        ndcg10High: numbers[2], recall10: numbers[3], fitSeconds: numbers[4], skipped: parts[7]))
            } else {
                guard parts.count == 2 else { throw bad("expected `key<TAB>value`") }
                fields[parts[0]] = parts[1]
            }
        }
        func int(_ k: String) throws(RecommendError) -> Int {
            guard let v = fields[k].flatMap({ Int($0) }) else {
                throw RecommendError(.malformedInput, "model selection: missing or bad `\(k)`")
            }
            return v
        }
        func double(_ k: String) throws(RecommendError) -> Double {
            guard let v = fields[k].flatMap({ Double($0) }) else {
                throw RecommendError(.malformedInput, "model selection: missing or bad `\(k)`")
            }
            return v
        }
        guard let chosen = fields["chosen"] else { throw RecommendError(.malformedInput, "model selection: no `chosen`") }
        self.init(
            chosen: try ModelCandidate(encoded: chosen), rows: rows, customers: try int("customers"),
            products: try int("products"), pairs: try int("pairs"), evaluatedCustomers: try int("evaluated"),
            refitSeconds: try double("refit"), totalSeconds: try double("total"), budget: fields["budget"] ?? "",
            reused: fields["reused"] == "1")
    }
}
