import QueryServer
import Recommend

extension Ignitabull.Score {
    /// Customers per `POST /db/neo4j/score` request.
    static let pageSize = 1_000

    /// Through a running server: the customer ids come from it (or from the command line), the server scores them a
    /// page at a time with its recommender, and the rows are written here as a local run writes them (resuming
    /// alike). `--similar-to` asks the server to materialise SIMILAR_TO. Each page is scored on the graph and
    /// model current when it arrives; a model rebuilt meanwhile (after writes) is reported.
    func run(through remote: ServedDirectory) throws {
        if ease != nil {
            throw CLIError(
                "--ease scores with an EASE model built for this run only, which a server does not build: stop the server and "
                    + "score the data directory, or score through the server without --ease")
        }
        if let similarTo {
            remote.announce("the server materialises SIMILAR_TO", storage)
            let c = try remote.call(remote.path("similar-to"), ["k": .int(Int64(similarTo)), "minSimilarity": .double(minSimilarity)])
            func n(_ key: String) -> Int { Int(c[key]?.intValue ?? 0) }
            print(
                "SIMILAR_TO (item-knn, top \(similarTo) per product): \(n("created")) created, \(n("updated")) updated,"
                    + " \(n("deleted")) deleted, \(n("unchanged")) unchanged in \(Report.seconds(c["seconds"]?.doubleValue ?? 0))")
            return
        }
        guard let output else { return }
        remote.announce("the server scores, pages of \(Report.number(Self.pageSize)) customers", storage)
        var ids = try requestedIDs()
        if ids.isEmpty && customersFile == nil {
            let rows = try remote.query("MATCH (c:Customer) RETURN c.id AS id", parameters: [:]).rows
            ids = rows.compactMap { r in r.first?.stringValue ?? r.first?.intValue.map { String($0) } }
            guard !rows.isEmpty else { throw CLIError("the graph has no Customer nodes") }
            if ids.count < rows.count {
                print("note: \(Report.number(rows.count - ids.count)) Customer node(s) have no id to ask the server for; they are left out")
            }
        }
        let out = try ScoreOutput(path: output, format: resolvedFormat, table: table, restart: restart)
        let done = out.done
        let todo = ids.filter { !done.contains($0) }
        if !done.isEmpty { print("resuming \(output): \(Report.number(done.count)) customers already scored") }

        var request: [(String, JSON)] = [("k", .int(Int64(k))), ("strategy", .string(strategy)), ("explain", .bool(explain))]
        if let diversity { request.append(("diversity", .double(diversity))) }
        if let threads { request.append(("threads", .int(Int64(threads)))) }
        let bar = ProgressBar(title: "scoring")
        let clock = ContinuousClock()
        let start = clock.now
        var (written, unknown, versions, serverThreads) = (0, Set<String>(), Set<Int64>(), 0)
        for first in stride(from: 0, to: todo.count, by: Self.pageSize) {
            let page = Array(todo[first..<min(todo.count, first + Self.pageSize)])
            let answer = try remote.call(remote.path("score"), .object(request + [("customers", .array(page.map(JSON.string)))]))
            let rows = (answer["customers"]?.arrayValue ?? []).compactMap(ScoredCustomer.init(json:))
            guard rows.count == page.count else {
                throw CLIError("\(remote.url)\(remote.path("score")) answered \(rows.count) customers for \(page.count)")
            }
            if first == 0 && strategy == "auto" {
                print(answer["selection"]?.stringValue ?? "auto: the server's model has no selection; ranking with the blend")
            }
            try out.write(rows)
            unknown.formUnion(rows.filter { !$0.knownCustomer }.map(\.customer))
            if let v = answer["modelVersion"]?.intValue { versions.insert(v) }
            serverThreads = Int(answer["threads"]?.intValue ?? 0)
            written += rows.count
            bar.update(done: written, total: todo.count)
        }
        bar.finish()
        try out.close()
        Self.noteUnknown(unknown)
        if versions.count > 1 {
            print("note: the server rebuilt its recommender model during the run (the graph changed): pages were scored with \(versions.count) models")
        }
        let seconds = (clock.now - start).seconds
        print(
            "scored \(Report.number(todo.count)) customers (k \(k), \(strategy)) in \(Report.seconds(seconds)) through \(remote.url)"
                + (serverThreads > 0 ? " on \(serverThreads) server threads" : "")
                + " (\(Report.number(Int(Double(todo.count) / max(seconds, 1e-9)))) customers/s);"
                + " output \(output) (\(resolvedFormat.rawValue))")
    }
}
