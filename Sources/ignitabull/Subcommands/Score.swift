import ArgumentParser
import Engine
import GraphStore
import Persistence
import Recommend
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

extension Ignitabull {
    struct Score: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Batch-score personalised recommendations for all customers or a list of them.",
            discussion: """
                Writes the top-k products of every customer (by default every Customer node) with the \
                personalised recommender, on every core, to JSONL (one line per customer), CSV \
                (customer,rank,product,score,reason) or a SQLite table (subject, rank, item, score, reason).
                A run is resumable: customers already in the output are skipped (--restart starts over). Choose customers with --customer ID (repeatable) or --customer-file FILE.
                An id that names no customer gets the cold-start ranking and is reported (JSONL: "knownCustomer":false).

                With --similar-to K it instead materialises SIMILAR_TO: the top K item-kNN neighbours of \
                every product as (p)-[:SIMILAR_TO {score, method: 'item-knn'}]->(q), in the data directory.

                When a running `ignitabull serve` holds the data directory (or --server URL is given), the server \
                scores: the ids are sent a page at a time (POST /db/neo4j/score) and the rows are written here in the \
                same format, resuming alike; --similar-to runs in the server (POST /db/neo4j/similar-to, as an admin).
                --ease is refused there (its model is built for one run); --threads bounds the server's workers.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case jsonl, csv, sqlite
        }

        @OptionGroup var storage: StorageOptions
        @OptionGroup var source: GraphSourceOptions
        @OptionGroup var server: ServerOptions

        @Option(name: .shortAndLong, help: "The output file.")
        var output: String?
        @Option(
            name: .customLong("similar-to"),
            help: "Materialise SIMILAR_TO with this many neighbours per product instead.")
        var similarTo: Int?
        @Option(name: .customLong("min-similarity"), help: "With --similar-to: the least cosine kept.")
        var minSimilarity = 0.0
        @Option(help: "jsonl, csv or sqlite (default: from the output's extension, else jsonl).")
        var format: Format?
        @Option(help: "The SQLite table.")
        var table = "recommendations"
        @Option(name: .customLong("customer-file"), help: "A file of customer ids, one per line.")
        var customersFile: String?
        @Option(name: .customLong("customer"), help: "A customer id (repeatable).")
        var customerIDs: [String] = []
        @Option(name: .short, help: "Products per customer (1...1000).")
        var k = 10
        @Option(
            help:
                "auto (the model chosen on the data's most recent purchases), blend, item-knn, embedding, influencer, category, popular or trending."
        )
        var strategy = "auto"
        @Option(help: "MMR diversity trade-off in 0...1 (1: relevance only).")
        var diversity: Double?
        @Flag(help: "Write the reason of each product.")
        var explain = false
        @Option(help: "Worker threads (default: every core).")
        var threads: Int?
        @Option(
            help:
                "Use EASE neighbour lists with this L2 penalty (e.g. 200) instead of cosine item-kNN (at most 8,000 products)."
        )
        var ease: Float?
        @Flag(help: "Overwrite the output instead of resuming it.")
        var restart = false

        var resolvedFormat: Format {
            if let format { return format }
            guard let output else { return .jsonl }
            if output.hasSuffix(".csv") { return .csv }
            if output.hasSuffix(".sqlite") || output.hasSuffix(".db") { return .sqlite }
            return .jsonl
        }

        func validate() throws {
            if let similarTo {
                guard (1...1000).contains(similarTo) else { throw ValidationError("--similar-to must be in 1...1000") }
                guard (0...1).contains(minSimilarity) else {
                    throw ValidationError("--min-similarity must be in 0...1")
                }
            } else if output == nil {
                throw ValidationError("Give an output file (-o FILE) or --similar-to K.")
            }
            guard (1...1000).contains(k) else { throw ValidationError("-k must be in 1...1000") }
            guard RecommendationRequest.Strategy(rawValue: strategy) != nil else {
                throw ValidationError(
                    "--strategy must be one of \(RecommendationRequest.Strategy.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            if let diversity, !(0...1).contains(diversity) { throw ValidationError("--diversity must be in 0...1") }
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
            if let ease, !(ease > 0 && ease.isFinite) { throw ValidationError("--ease must be a positive number") }
        }

        func run() async throws {
            if source.sourceCount == 0, let remote = server.resolve(storage) { return try run(through: remote) }
            let db = try storage.open(database: server.database.resolved)
            if source.sourceCount > 0 { try source.load(into: db) }
            let clock = ContinuousClock()
            if let similarTo {
                let start = clock.now
                let c: SimilarToMaterializer.Changes
                do {
                    c = try db.materializeSimilarProducts(k: similarTo, minSimilarity: minSimilarity)
                } catch let e as RecommendError {
                    throw CLIError(e.description)
                }
                print(
                    "SIMILAR_TO (item-knn, top \(similarTo) per product): \(c.created) created, \(c.updated) updated,"
                        + " \(c.deleted) deleted, \(c.unchanged) unchanged in \(Report.seconds((clock.now - start).seconds))"
                )
                return
            }
            guard let output else { return }
            let s = db.graph.snapshot

            // Who to score: every Customer node (taken as nodes, so no id is looked up again), or the ids given.
            var ids = try requestedIDs()
            var known: [String: NodeID] = [:]
            if ids.isEmpty && customersFile == nil {
                guard let label = s.catalog.label("Customer") else { throw CLIError("the graph has no Customer nodes") }
                let key = s.catalog.propertyKey("id")
                s.forEachNode(label: label) { c in
                    let id = key.flatMap { s.property(c, $0)?.stringValue } ?? String(c.rawValue)
                    ids.append(id)
                    known[id] = c
                }
            } else {
                // Through the constraint's index when there is one, else one scan of the customers.
                let index = s.keyIndex(label: "Customer", key: "id")
                for id in ids where known[id] == nil {
                    if let n = index.lookup(.string(id)) ?? Int64(id).flatMap({ index.lookup(.int($0)) }) { known[id] = n }
                }
                Self.noteUnknown(Set(ids).subtracting(known.keys))
            }

            // Resume.
            let out = try ScoreOutput(path: output, format: resolvedFormat, table: table, restart: restart)
            let done = out.done
            let todo = ids.filter { !done.contains($0) }
            if !done.isEmpty { print("resuming \(output): \(Report.number(done.count)) customers already scored") }

            let modelStart = clock.now
            let model: RecommenderModel
            do {
                if let ease {
                    var settings = RecommenderModel.Settings()
                    settings.easeLambda = ease
                    settings.selection = nil
                    model = try RecommenderModel(snapshot: s, settings: settings)
                } else {
                    model = try db.recommenderCache.model(for: s)
                }
            } catch {
                throw CLIError(error.description)
            }
            let modelSeconds = (clock.now - modelStart).seconds
            if strategy == "auto" {
                if let selection = model.selection {
                    print(selection.table)
                } else {
                    print("auto: no model selection (--ease was given); ranking with the blend")
                }
            }
            let nodes = todo.map { known[$0] }
            let request = RecommendationRequest(
                k: k, strategy: RecommendationRequest.Strategy(rawValue: strategy)!, diversity: diversity,
                explain: explain)
            var scorer = BatchScorer(model: model, embeddings: db.productEmbeddings(in: s), workers: threads)
            scorer.chunk = 32
            let bar = ProgressBar(title: "scoring")
            let written = Atomic<Int>(0)
            let total = todo.count
            let explain = explain
            let start = clock.now
            let cpuStart = Self.processCPU()
            do {
                try scorer.run(customers: nodes, in: s, request) { chunk in
                    try out.write(
                        chunk.map {
                            ScoredCustomer(
                                customer: todo[$0.index], knownCustomer: nodes[$0.index] != nil, recommendations: $0.items,
                                in: s, explain: explain)
                        })
                    let n = written.add(chunk.count, ordering: .relaxed).newValue
                    bar.update(done: n, total: total)
                }
            } catch let e as PersistenceError {
                throw CLIError(e.description)
            } catch let e as RecommendError {
                throw CLIError(e.description)
            }
            bar.finish()
            try out.close()
            let seconds = (clock.now - start).seconds
            let cpuSeconds = Self.processCPU() - cpuStart
            print(
                "scored \(Report.number(total)) customers (k \(k), \(strategy)) in \(Report.seconds(seconds))"
                    + " (\(Report.seconds(cpuSeconds)) CPU) on \(scorer.workers) threads (\(Report.number(Int(Double(total) / max(seconds, 1e-9)))) customers/s);"
                    + " model built in \(Report.seconds(modelSeconds)); output \(output) (\(resolvedFormat.rawValue))")
        }
    }
}

extension Ignitabull.Score {
    /// The ids of --customer and --customer-file, in that order (empty: every customer).
    func requestedIDs() throws -> [String] {
        var ids = customerIDs
        if let customersFile {
            guard let text = ScoreOutput.readFile(customersFile) else { throw CLIError("cannot read \(customersFile)") }
            ids += text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { String($0).trimmed }.filter { !$0.isEmpty }
        }
        return ids
    }

    /// Says which requested ids name no customer (they are scored with the cold-start ranking).
    static func noteUnknown(_ unknown: Set<String>) {
        guard !unknown.isEmpty else { return }
        let sample = unknown.sorted().prefix(5).joined(separator: ", ")
        print(
            "note: \(Report.number(unknown.count)) customer id(s) name no Customer in the graph (\(sample)\(unknown.count > 5 ? ", …" : "")):"
                + " they get the cold-start ranking, marked \"knownCustomer\":false")
    }

    /// CPU seconds used by the process so far (on a shared machine, wall-clock time also counts waiting for a core).
    static func processCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}

extension String {
    fileprivate var trimmed: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s.removeLast() }
        return String(s)
    }
}
