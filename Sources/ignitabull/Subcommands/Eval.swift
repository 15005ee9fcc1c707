import ArgumentParser
import Engine
import GraphImport
import GraphStore
import Recommend

extension Ignitabull {
    struct Eval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Offline evaluation: popularity, item-kNN, EASE and the engine's strategy on held-out data.",
            discussion: """
                Online Retail: imported into an in-memory graph; train = purchases before 2011-11-09, test = \
                each customer's new products on or after it. MovieLens ml-100k (DIR/u.data): ratings >= 4, \
                each user's latest positive held out. Every evaluated user ranks the whole catalogue less \
                their train items. Prints HR@10, NDCG@10, Recall@20, coverage@10, users and times.
                """)

        @Option(name: .customLong("online-retail"), help: "The UCI Online Retail CSV (plain or .gz).")
        var onlineRetail: String?

        @Option(name: .customLong("movielens"), help: "The MovieLens ml-100k folder (holding u.data).")
        var movieLens: String?

        @Option(name: .customLong("cut"), help: "Online Retail train/test cut, seconds since 1970 (local time as UTC).")
        var cut: Int64 = 1_320_796_800

        @Flag(
            help:
                "Also run the recency sweep (half-life 5/10/20 × floor 0/0.25/0.5 on EASE and item-kNN) on a validation split drawn from train data."
        )
        var sweep = false

        func validate() throws {
            if onlineRetail == nil && movieLens == nil {
                throw ValidationError("Give --online-retail FILE and/or --movielens DIR.")
            }
        }

        func run() async throws {
            var results: [EvaluationResult] = []
            var validation: [EvaluationResult] = []
            let show: (EvaluationResult) -> Void = { r in
                print(
                    "  \(r.dataset) \(r.method): NDCG@10 \(EvaluationResult.fixed(r.ndcg10, 4)) (\(EvaluationResult.fixed(r.fitSeconds + r.rankSeconds, 2)) s)"
                        + (r.notes.isEmpty ? "" : "; \(r.notes)"))
            }
            do {
                if let path = onlineRetail {
                    let db = Database()
                    let clock = ContinuousClock()
                    let start = clock.now
                    let report = try db.importOnlineRetail(path: path)
                    Report.onlineRetail(report, seconds: (clock.now - start).seconds)
                    let x = try Interactions(snapshot: db.graph.snapshot)
                    let split = EvaluationSplit.temporal(x, cut: cut)
                    print(
                        "online-retail: \(x.users) customers, \(x.items) products, \(split.trainCount) train pairs, "
                            + "\(split.evaluatedUsers.count) customers evaluated")
                    if sweep {
                        let v = EvaluationSplit.temporal(x.before(cut), cut: cut - 30 * 86_400)
                        validation += try EvaluationSuite(split: v, dataset: "online-retail (validation)", lambda: 200)
                            .sweep(progress: show)
                    }
                    results += try EvaluationSuite(split: split, dataset: "online-retail", lambda: 200).run(
                        progress: show)
                }
                if let dir = movieLens {
                    let x = try Interactions.movieLens(path: dir + "/u.data", minRating: 4)
                    let split = EvaluationSplit.leaveLastOut(x, minItems: 2)
                    print(
                        "ml-100k: \(x.users) users, \(x.items) items, \(x.events.count) positives, "
                            + "\(split.evaluatedUsers.count) users evaluated")
                    if sweep {
                        let v = EvaluationSplit.leaveLastOut(x.removingTest(of: split), minItems: 2)
                        validation += try EvaluationSuite(split: v, dataset: "ml-100k (validation)", lambda: 50).sweep(
                            progress: show)
                    }
                    results += try EvaluationSuite(split: split, dataset: "ml-100k", lambda: 50).run(progress: show)
                }
            } catch let error as RecommendError {
                throw CLIError(error.description)
            } catch let error as ImportError {
                throw CLIError(error.description)
            }
            if !validation.isEmpty {
                print("")
                print("Validation sweep (train data only; the engine's setting is fixed from it):")
                print(EvaluationResult.table(validation))
            }
            print("")
            print(EvaluationResult.table(results))
            for r in results where !r.notes.isEmpty { print("\(r.dataset) \(r.method): \(r.notes)") }
        }
    }
}
