import CypherRuntime
import CypherSyntax
import Foundation
import GraphStore
import Testing

/// Runs every TCK scenario through `CypherEngine` on a fresh `GraphStore` and compares results, side effects and
/// errors with the expectations.
@Suite struct TCKExecutionTests {
    static let tckPresent = TCKSyntaxConformanceTests.tckPresent
    static let graphsRoot = TCKSyntaxConformanceTests.tckRoot.appendingPathComponent("graphs")

    struct Floors: Codable {
        var passed: Int
    }

    /// The outcome of one scenario: nil when it passed, else why it failed.
    static func run(_ scenario: TCKScenario) -> String? {
        let store = GraphStore()
        do {
            if case .named(let name) = scenario.graph {
                let url = graphsRoot.appendingPathComponent("\(name)/\(name).cypher")
                let text = try String(contentsOf: url, encoding: .utf8)
                _ = try CypherEngine.execute(text, on: store)
            }
            for query in scenario.setupQueries { _ = try CypherEngine.execute(query, on: store) }
        } catch {
            return "setup failed: \(error)"
        }
        var parameters: [String: Value] = [:]
        for (name, value) in scenario.parameters { parameters[name] = Self.value(value) }
        let procedures: [Procedure]
        do {
            procedures = try scenario.procedures.map(Self.procedure)
        } catch {
            return "bad procedure: \(error)"
        }
        var last: QueryResult?
        var before: GraphState?
        var after: GraphState?
        do {
            for query in scenario.queries {
                before = GraphState(store.snapshot)
                last = try CypherEngine.execute(
                    query, parameters: parameters, procedures: ProcedureRegistry(procedures), on: store, timeLimit: .seconds(5))
                after = GraphState(store.snapshot)
            }
            for query in scenario.controlQueries {
                last = try CypherEngine.execute(
                    query, parameters: parameters, procedures: ProcedureRegistry(procedures), on: store, timeLimit: .seconds(5))
            }
        } catch {
            guard case .error(let classification, let phase, let code) = scenario.expectation else {
                return "unexpected error: \(error)"
            }
            let got: (String, String, Bool)
            if let e = error as? CypherSyntaxError {
                got = (e.classification.name, e.code.name, true)
            } else if let e = error as? CypherRuntimeError {
                got = (e.code.classification, e.code.name, false)
            } else {
                return "unexpected error type: \(error)"
            }
            if phase == .compileTime && !got.2 { return "expected a compile-time error, got \(error)" }
            if got.0 != classification || (got.1 != code && code != "*") {
                return "expected \(classification).\(code), got \(got.0).\(got.1)"
            }
            return nil
        }
        guard let result = last else { return "no query ran" }
        switch scenario.expectation {
        case .error(let classification, _, let code):
            return "expected \(classification).\(code), got a result"
        case .emptyResult:
            if !result.rows.isEmpty { return "expected no rows, got \(result.rows.count)" }
        case .result(let header, let expected, let ordered, let ignoringListOrder):
            if header != result.columns { return "columns \(result.columns) != \(header)" }
            let want = expected.map { $0.map { Self.canonical($0, ignoringListOrder) } }
            let got = result.rows.map { $0.map { Self.canonical(Self.tck($0, result.snapshot), ignoringListOrder) } }
            let match =
                ordered
                ? want == got
                : want.map { $0.joined(separator: "|") }.sorted()
                    == got.map { $0.joined(separator: "|") }.sorted()
            if !match {
                return "rows differ: want \(want.prefix(5)) got \(got.prefix(5))"
            }
        case nil:
            return "no expectation"
        }
        if let expectedEffects = scenario.sideEffects, let before, let after {
            let actual = GraphState.sideEffects(from: before, to: after)
            var want: [String: Int] = actual.mapValues { _ in 0 }
            for (key, count) in expectedEffects { want[key] = count }
            if want != actual { return "side effects \(actual.filter { $0.value != 0 }) != \(expectedEffects)" }
        }
        return nil
    }

    /// A procedure answering from the scenario's table: the rows whose input cells equal the arguments.
    static func procedure(_ p: TCKScenario.Procedure) throws -> Procedure {
        let (name, signature) = try TCKProcedureSignature.parse(p.signature)
        let inputs = signature.inputs.count
        let rows: [[Value]] = try p.table.dropFirst().map { row in try row.map { value(try TCKValueParser.parse($0)) } }
        return Procedure(name: name, signature: signature) { arguments in
            rows.filter { Array($0.prefix(inputs)) == arguments }.map { Array($0.dropFirst(inputs)) }
        }
    }

    static func value(_ v: TCKValue) -> Value {
        switch v {
        case .null: .null
        case .boolean(let b): .bool(b)
        case .integer(let i): .int(i)
        case .float(let d): .float(d)
        case .string(let s): .string(s)
        case .list(let l): .list(l.map(value))
        case .map(let m): .map(Dictionary(m.map { ($0.0, value($0.1)) }, uniquingKeysWith: { $1 }))
        case .node, .relationship, .path: .null
        }
    }

    /// The TCK form of a result value.
    static func tck(_ v: Value, _ g: GraphSnapshot) -> TCKValue {
        func props(_ m: [String: Value]) -> [(String, TCKValue)] { m.map { ($0.key, tck($0.value, g)) } }
        func node(_ n: NodeID) -> TCKValue {
            .node(labels: g.labelNames(of: n), properties: props(g.propertyDictionary(of: n).mapValues(Value.init)))
        }
        func relationship(_ r: RelationshipID) -> TCKValue {
            var m: [String: Value] = [:]
            for entry in g.properties(of: r).entries { m[g.catalog.name(of: entry.key)] = Value(entry.value) }
            return .relationship(type: g.typeName(of: r), properties: props(m))
        }
        switch v {
        case .null: return .null
        case .bool(let b): return .boolean(b)
        case .int(let i): return .integer(i)
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .list(let l): return .list(l.map { tck($0, g) })
        case .map(let m): return .map(props(m))
        case .node(let n): return node(n)
        case .relationship(let r): return relationship(r)
        case .temporal(let t): return .string(t.text)
        case .path(let nodes, let rels):
            let forward = rels.indices.map { g.source(of: rels[$0]) == nodes[$0] }
            return .path(nodes: nodes.map(node), relationships: rels.map(relationship), forward: forward)
        }
    }

    /// A canonical text: map keys and labels sorted, lists sorted when their order is ignored.
    static func canonical(_ v: TCKValue, _ unorderedLists: Bool) -> String {
        func c(_ v: TCKValue) -> String { canonical(v, unorderedLists) }
        func props(_ p: [(String, TCKValue)]) -> String {
            "{" + p.sorted { $0.0 < $1.0 }.map { "\($0.0): \(c($0.1))" }.joined(separator: ", ") + "}"
        }
        switch v {
        case .list(let l):
            let items = l.map(c)
            return "[" + (unorderedLists ? items.sorted() : items).joined(separator: ", ") + "]"
        case .map(let m): return props(m)
        case .node(let labels, let p): return "(" + labels.sorted().map { ":\($0)" }.joined() + " " + props(p) + ")"
        case .relationship(let t, let p): return "[:" + (t ?? "") + " " + props(p) + "]"
        case .path(let nodes, let rels, let forward):
            var text = "<" + c(nodes[0])
            for i in rels.indices {
                text += forward[i] ? "-\(c(rels[i]))->" : "<-\(c(rels[i]))-"
                text += c(nodes[i + 1])
            }
            return text + ">"
        default: return v.description
        }
    }

    @Test(.enabled(if: tckPresent, "needs ../shared/tck/features"))
    func scenariosExecute() throws {
        let scenarios = try TCKSyntaxConformanceTests.loadScenarios()
        var passed: [String: Int] = [:]
        var total: [String: Int] = [:]
        var failures: [String] = []
        for (folder, scenario) in scenarios {
            total[folder, default: 0] += 1
            if let failure = Self.run(scenario) {
                failures.append("\(scenario.feature):\(scenario.line) \(scenario.name): \(failure)")
            } else {
                passed[folder, default: 0] += 1
            }
        }
        var table = "folder                                   passed / total\n"
        for folder in total.keys.sorted() {
            let p = passed[folder, default: 0]
            let t = total[folder]!
            table += folder.padding(toLength: 40, withPad: " ", startingAt: 0)
            table += " \(p) / \(t) (\(p * 100 / t)%)\n"
        }
        let allPassed = passed.values.reduce(0, +)
        let all = total.values.reduce(0, +)
        table +=
            "TOTAL".padding(toLength: 40, withPad: " ", startingAt: 0)
            + " \(allPassed) / \(all) (\(allPassed * 100 / max(all, 1))%)\n"
        print(table)
        if ProcessInfo.processInfo.environment["TCK_FAILURES"] != nil {
            for f in failures { print("FAIL " + f) }
        }
        let floorsURL = TCKSyntaxConformanceTests.packageRoot.appendingPathComponent(
            "Tests/CypherTCKTests/execution-floors.json")
        let floors = try JSONDecoder().decode(Floors.self, from: Data(contentsOf: floorsURL))
        #expect(allPassed >= floors.passed)
    }
}

/// The runner itself must be able to fail: wrong rows, wrong side effects and a missing error are reported.
@Suite struct TCKExecutionRunnerTests {
    func scenario(_ steps: String) throws -> TCKScenario {
        let text = "Feature: Probe\n\n  Scenario: probe\n" + steps
        let feature = try GherkinParser.parse(text: text, path: "probe.feature")
        return try TCKScenario(feature.scenarios[0], feature: "probe.feature")
    }

    @Test func reportsWrongRowsSideEffectsAndMissingErrors() throws {
        let right = try scenario(
            """
                Given an empty graph
                When executing query:
                  \"\"\"
                  CREATE (n:A {x: 1}) RETURN n.x AS x
                  \"\"\"
                Then the result should be, in any order:
                  | x |
                  | 1 |
                And the side effects should be:
                  | +nodes      | 1 |
                  | +labels     | 1 |
                  | +properties | 1 |

            """)
        #expect(TCKExecutionTests.run(right) == nil)
        let wrongRows = try scenario(
            """
                Given an empty graph
                When executing query:
                  \"\"\"
                  RETURN 1 AS x
                  \"\"\"
                Then the result should be, in any order:
                  | x |
                  | 2 |

            """)
        #expect(TCKExecutionTests.run(wrongRows) != nil)
        let wrongEffects = try scenario(
            """
                Given an empty graph
                When executing query:
                  \"\"\"
                  CREATE (n:A)
                  \"\"\"
                Then the result should be empty
                And no side effects

            """)
        #expect(TCKExecutionTests.run(wrongEffects) != nil)
        let missingError = try scenario(
            """
                Given an empty graph
                When executing query:
                  \"\"\"
                  RETURN 1 AS x
                  \"\"\"
                Then a TypeError should be raised at runtime: InvalidArgumentType

            """)
        #expect(TCKExecutionTests.run(missingError) != nil)
    }
}
