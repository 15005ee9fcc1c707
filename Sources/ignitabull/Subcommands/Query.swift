import ArgumentParser
import CypherRuntime
import CypherSyntax
import Engine
import GraphStore
import QueryServer

extension Ignitabull {
    struct Query: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a Cypher query against the data directory and print the result table.",
            discussion: """
                Example: ignitabull query --data retail \\
                  "MATCH (c:Customer {id: \\$id})-[:PURCHASED]->(p) RETURN p.description, count(*) AS n ORDER BY n DESC LIMIT 5" \\
                  --param "id='17850'"
                A write query is applied atomically and durably; a syntax error prints its line, column and a caret.
                When a running `ignitabull serve` holds the data directory, the query goes through it (over its HTTP
                transaction API, as the admin or NEO4J_USERNAME/NEO4J_PASSWORD); --server URL names a server directly.
                """)

        @Argument(help: "The Cypher query.") var cypher: String
        @Option(name: .customLong("param"), help: "A parameter as name=value: an integer, a float, true/false, or a string (quote it, name='123', to pass digits as a string).")
        var parameters: [String] = []
        @Option(help: "How rows are printed on standard output: \(ResultFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: ResultFormat = .table
        @Flag(help: "Print nothing on standard error but errors (no row count, timing or open report).") var quiet = false
        @OptionGroup var server: ServerOptions
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            var params: [String: Value] = [:]
            for p in parameters {
                guard let eq = p.firstIndex(of: "=") else { throw ValidationError("--param must be name=value, got `\(p)`") }
                let text = String(p[p.index(after: eq)...])
                let quoted = text.count >= 2 && (text.hasPrefix("'") && text.hasSuffix("'") || text.hasPrefix("\"") && text.hasSuffix("\""))
                let v: Value =
                    quoted ? .string(String(text.dropFirst().dropLast()))
                    : Int64(text).map { .int($0) } ?? Double(text).map { .float($0) }
                        ?? (text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text))
                params[String(p[..<eq])] = v
            }
            if let remote = server.resolve(storage) { return try runRemotely(remote, params) }
            let db = try storage.open(quiet: quiet, database: server.database.resolved)
            let result: QueryResult
            let clock = ContinuousClock()
            let started = clock.now
            do {
                result = try db.query(cypher, parameters: params)
            } catch let e as CypherSyntaxError {
                throw CLIError("\(e)")
            } catch {
                throw CLIError("\(error)")
            }
            let elapsed = clock.now - started
            if !result.plan.isEmpty {
                Output.write(2, "Plan:\n" + result.plan.map { "  " + $0 + "\n" }.joined())
            }
            // Rows on stdout, in one write per chunk so a pipe sees whole lines; everything else on stderr.
            var out = ""
            for line in format.lines(result) {
                out += line
                out += "\n"
                if out.utf8.count > 1 << 16 { Output.write(1, out); out = "" }
            }
            Output.write(1, out)
            let st = result.statistics
            let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            var summary = "\(result.rows.count) row(s) in \(ms < 10 ? String((ms * 100).rounded() / 100) : String(Int(ms.rounded()))) ms"
            if st.containsUpdates {
                summary += "; created \(st.nodesCreated) nodes, \(st.relationshipsCreated) relationships; deleted \(st.nodesDeleted) nodes,"
                    + " \(st.relationshipsDeleted) relationships; set \(st.propertiesSet) properties"
            }
            if !quiet { Output.write(2, summary + "\n") }
        }

        /// Through a running server: the same output, rows in Neo4j's `row` format.
        func runRemotely(_ remote: ServedDirectory, _ params: [String: Value]) throws {
            if !quiet {
                Output.write(2, "through \(remote.url)" + (remote.pid != 0 ? " (it serves \(storage.directory))" : "") + "\n")
            }
            let clock = ContinuousClock()
            let started = clock.now
            let r = try remote.query(cypher, parameters: params)
            var out = ""
            for line in format.lines(columns: r.columns, rows: r.rows) { out += line + "\n" }
            Output.write(1, out)
            if !quiet {
                let stats = r.stats.map { s in
                    ["nodes_created", "relationships_created", "nodes_deleted", "relationships_deleted", "properties_set"]
                        .compactMap { k in s[k]?.intValue.flatMap { $0 > 0 ? "\(k.split(separator: "_").joined(separator: " ")) \($0)" : nil } }
                } ?? []
                let ms = Int(((clock.now - started) / .milliseconds(1)).rounded())
                Output.write(2, "\(r.rows.count) row(s) in \(ms) ms" + (stats.isEmpty ? "" : "; " + stats.joined(separator: ", ")) + "\n")
            }
        }
    }
}
