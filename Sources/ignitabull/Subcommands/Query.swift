import ArgumentParser
import CypherRuntime
import CypherSyntax
import Engine
import GraphStore

extension Ignitabull {
    struct Query: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a Cypher query against the data directory and print the result table.",
            discussion: """
                Example: ignitabull query --data retail \\
                  "MATCH (c:Customer {id: \\$id})-[:PURCHASED]->(p) RETURN p.description, count(*) AS n ORDER BY n DESC LIMIT 5" \\
                  --param "id='17850'"
                A write query is applied atomically and durably; a syntax error prints its line, column and a caret.
                """)

        @Argument(help: "The Cypher query.") var cypher: String
        @Option(name: .customLong("param"), help: "A parameter as name=value: an integer, a float, true/false, or a string (quote it, name='123', to pass digits as a string).")
        var parameters: [String] = []
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
            let db = try storage.open()
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
                print("Plan:")
                for line in result.plan { print("  " + line) }
            }
            if !result.columns.isEmpty { print(result.columns.joined(separator: "\t")) }
            for row in result.rows { print(row.map { Self.render($0, result.snapshot) }.joined(separator: "\t")) }
            let st = result.statistics
            let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            var summary = "\(result.rows.count) row(s) in \(ms < 10 ? String((ms * 100).rounded() / 100) : String(Int(ms.rounded()))) ms"
            if st.containsUpdates {
                summary += "; created \(st.nodesCreated) nodes, \(st.relationshipsCreated) relationships; deleted \(st.nodesDeleted) nodes,"
                    + " \(st.relationshipsDeleted) relationships; set \(st.propertiesSet) properties"
            }
            print(summary)
        }

        static func render(_ v: Value, _ s: GraphSnapshot) -> String {
            switch v {
            case .null: return "null"
            case .bool(let b): return b ? "true" : "false"
            case .int(let i): return String(i)
            case .float(let d): return String(d)
            case .string(let t): return t
            case .list(let l): return "[" + l.map { render($0, s) }.joined(separator: ", ") + "]"
            case .map(let m): return "{" + m.sorted { $0.key < $1.key }.map { "\($0.key): \(render($0.value, s))" }.joined(separator: ", ") + "}"
            case .node(let n):
                let labels = s.labelNames(of: n).map { ":" + $0 }.joined()
                return "(\(labels) \(PropertyValue.map(s.propertyDictionary(of: n))))"
            case .relationship(let r): return "[:\(s.typeName(of: r))]"
            case .path(let nodes, _): return "<path of \(nodes.count) nodes>"
            case .temporal: return "\(v.typeName) value"
            }
        }
    }
}
