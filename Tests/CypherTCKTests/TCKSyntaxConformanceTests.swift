import CypherSyntax
import Foundation
import Testing

/// Runs every query of the openCypher TCK through the CypherSyntax parser and semantic checker.
@Suite struct TCKSyntaxConformanceTests {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        return url
    }()
    static let tckRoot = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/tck")
    static let featuresRoot = tckRoot.appendingPathComponent("features")
    static let tckPresent = FileManager.default.fileExists(atPath: featuresRoot.path)

    /// All feature files, sorted, as (relative path, contents).
    static func featureFiles() throws -> [(String, String)] {
        let base = featuresRoot.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [(String, String)] = []
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".feature") else { continue }
            files.append((relative, try String(contentsOfFile: base + "/" + relative, encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// The scenarios, loaded once for all tests of this suite.
    static let cachedScenarios: Result<[(folder: String, scenario: TCKScenario)], any Error> = Result {
        try parseScenarios()
    }

    static func loadScenarios() throws -> [(folder: String, scenario: TCKScenario)] {
        try cachedScenarios.get()
    }

    static func parseScenarios() throws -> [(folder: String, scenario: TCKScenario)] {
        var result: [(String, TCKScenario)] = []
        let files = try featureFiles()
        guard !files.isEmpty else { throw GherkinError(path: featuresRoot.path, line: 0, message: "no feature files") }
        for (path, text) in files {
            let feature = try GherkinParser.parse(text: text, path: path)
            let folder = path.split(separator: "/").prefix(2).joined(separator: "/")
            for scenario in feature.scenarios {
                result.append((folder, try TCKScenario(scenario, feature: path)))
            }
        }
        return result
    }

    struct Floors: Codable {
        var scenarios: Int
        var parsedOk: Int
        var expectedErrorClassMatched: Int
        var expectedErrorCodeMatched: Int
        var resultColumnsMatched: Int
    }

    /// The result columns the checker derives for `query`, or nil when it does not compile.
    static func columns(
        _ query: String, procedures: [String: SemanticChecker.ProcedureSignature]?, parameters: Set<String>?
    ) -> [String]? {
        do {
            let statement = try Parser.parse(query)
            return try SemanticChecker(procedures: procedures, parameters: parameters, source: query).check(statement)
        } catch {
            return nil
        }
    }

    /// Parses and checks `query` against the scenario's declared procedures and parameters.
    static func compile(
        _ query: String, procedures: [String: SemanticChecker.ProcedureSignature]? = nil,
        parameters: Set<String>? = nil
    ) -> CypherSyntaxError? {
        do {
            _ = try SemanticChecker.compile(query, procedures: procedures, parameters: parameters)
            return nil
        } catch {
            return error
        }
    }

    @Test(.enabled(if: tckPresent, "needs ../shared/tck/features"))
    func everyFeatureFileParsesAndQueriesCompile() throws {
        let scenarios = try Self.loadScenarios()
        struct Row {
            var scenarios = 0
            var expectOk = 0
            var parsedOk = 0
            var expectError = 0
            var classMatched = 0
            var codeMatched = 0
        }
        var rows: [String: Row] = [:]
        var failures: [String] = []
        var withResultTable = 0
        var columnsMatched = 0
        for (folder, scenario) in scenarios {
            var row = rows[folder, default: Row()]
            row.scenarios += 1
            let label = "\(scenario.feature):\(scenario.line)\(scenario.exampleRow.map { "#\($0)" } ?? "")"
            var procedures: [String: SemanticChecker.ProcedureSignature] = [:]
            for procedure in scenario.procedures {
                let (name, signature) = try TCKProcedureSignature.parse(procedure.signature)
                procedures[name] = signature
            }
            let parameters = Set(scenario.parameters.map(\.0))
            let compile = { (query: String) in Self.compile(query, procedures: procedures, parameters: parameters) }
            let setupErrors = scenario.setupQueries.compactMap { Self.compile($0) }
            if case .error(let classification, .compileTime, let code) = scenario.expectation {
                row.expectError += 1
                let errors = scenario.queries.compactMap(compile)
                if setupErrors.isEmpty, let error = errors.first {
                    if error.classification.name == classification {
                        row.classMatched += 1
                        if error.code.name == code {
                            row.codeMatched += 1
                        } else {
                            failures.append("\(label) expected \(code), got \(error.code): \(error.message)")
                        }
                    } else {
                        failures.append("\(label) expected \(classification), got \(error.classification)")
                    }
                } else {
                    failures.append("\(label) expected \(classification).\(code), compiled: \(scenario.queries[0])")
                }
            } else {
                row.expectOk += 1
                let errors = setupErrors + (scenario.queries + scenario.controlQueries).compactMap(compile)
                if errors.isEmpty {
                    row.parsedOk += 1
                    if case .result(let header, _, _, _) = scenario.expectation, let query = scenario.resultQuery {
                        withResultTable += 1
                        let derived = Self.columns(query, procedures: procedures, parameters: parameters)
                        if derived == header {
                            columnsMatched += 1
                        } else {
                            failures.append("\(label) columns \(derived ?? []) expected \(header)")
                        }
                    }
                } else {
                    failures.append("\(label) unexpected error: \(errors[0])")
                }
            }
            rows[folder] = row
        }

        var total = Row()
        var topLevel: [String: Int] = [:]
        var report = "folder | scenarios | expect-ok | parse-ok | expect-error | class-matched | code-matched\n"
        for folder in rows.keys.sorted() {
            let r = rows[folder]!
            report +=
                "\(folder) | \(r.scenarios) | \(r.expectOk) | \(r.parsedOk) | \(r.expectError) | \(r.classMatched) | \(r.codeMatched)\n"
            total.scenarios += r.scenarios
            total.expectOk += r.expectOk
            total.parsedOk += r.parsedOk
            total.expectError += r.expectError
            total.classMatched += r.classMatched
            total.codeMatched += r.codeMatched
            topLevel[String(folder.split(separator: "/")[0]), default: 0] += r.scenarios
        }
        report +=
            "TOTAL | \(total.scenarios) | \(total.expectOk) | \(total.parsedOk) | \(total.expectError) | \(total.classMatched) | \(total.codeMatched)\n"
        report +=
            "result columns: \(columnsMatched) of \(withResultTable) scenarios with a result table match the header\n"
        report += "feature files: \(try Self.featureFiles().count)\n"
        report +=
            "scenarios per top-level folder: "
            + topLevel.keys.sorted().map { "\($0) \(topLevel[$0]!)" }.joined(separator: ", ") + "\n"
        print(report)
        if ProcessInfo.processInfo.environment["TCK_VERBOSE"] != nil {
            print(failures.joined(separator: "\n"))
        }

        let floorsURL = Self.packageRoot.appendingPathComponent("Tests/CypherTCKTests/floors.json")
        let floors = try JSONDecoder().decode(Floors.self, from: Data(contentsOf: floorsURL))
        #expect(total.scenarios >= floors.scenarios)
        #expect(total.parsedOk >= floors.parsedOk)
        #expect(total.classMatched >= floors.expectedErrorClassMatched)
        #expect(total.codeMatched >= floors.expectedErrorCodeMatched)
        #expect(columnsMatched >= floors.resultColumnsMatched)
    }

    @Test(.enabled(if: tckPresent, "needs ../shared/tck/graphs"))
    func namedGraphScriptsParse() throws {
        for name in ["binary-tree-1", "binary-tree-2"] {
            let url = Self.tckRoot.appendingPathComponent("graphs/\(name)/\(name).cypher")
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(Self.compile(text) == nil, "\(name)")
        }
    }
}

extension TCKSyntaxConformanceTests {
    /// Prefixes of every TCK query (up to 12 cut points each) must either compile or throw a typed error, never crash.
    @Test(.enabled(if: tckPresent, "needs ../shared/tck/features"))
    func truncatedQueriesFailCleanly() throws {
        var queries = Set<String>()
        for (_, scenario) in try Self.loadScenarios() {
            queries.formUnion(scenario.queries)
            queries.formUnion(scenario.setupQueries)
        }
        var attempts = 0
        var rejected = 0
        for query in queries.sorted() {
            let scalars = Array(query.unicodeScalars)
            let step = max(4, scalars.count / 12)
            for cut in stride(from: 1, to: scalars.count, by: step) {
                var prefix = ""
                prefix.unicodeScalars.append(contentsOf: scalars[..<cut])
                attempts += 1
                if Self.compile(prefix) != nil { rejected += 1 }
            }
        }
        print("truncated queries: \(attempts) attempts, \(rejected) rejected with a typed error")
        #expect(rejected > attempts / 2)
        // Deep nesting is refused with an error instead of exhausting the stack.
        let deep = "RETURN " + String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
        #expect(Self.compile(deep)?.code == .unexpectedSyntax)
        let negations = "RETURN " + String(repeating: "NOT ", count: 5_000) + "true"
        #expect(Self.compile(negations) != nil)
    }
}

extension TCKSyntaxConformanceTests {
    /// The precedence scenarios return the same expression unparenthesised (`a`), with the intended parentheses
    /// (`b`) and usually with wrong ones (`c`), and expect `a = b`. Parentheses leave no node in the AST, so the
    /// parser is right when the trees of `a` and `b` are equal, and two columns with equal trees must never be
    /// expected to hold different values.
    @Test(.enabled(if: tckPresent, "needs ../shared/tck/features"))
    func precedenceScenariosBuildTheIntendedTrees() throws {
        var total = 0
        var checked = 0
        var matched = 0
        var problems: [String] = []
        for (folder, scenario) in try Self.loadScenarios() where folder == "expressions/precedence" {
            total += 1
            guard case .result(let header, let rows, _, _) = scenario.expectation, let query = scenario.resultQuery,
                case .query(let parsed) = try Parser.parse(query).kind,
                case .return(let projection)? = parsed.parts.last?.clauses.last?.kind,
                projection.items.map(\.name) == header, let a = header.firstIndex(of: "a"),
                let b = header.firstIndex(of: "b")
            else { continue }
            let trees = projection.items.map(\.expression)
            let label = "\(scenario.feature):\(scenario.line)\(scenario.exampleRow.map { "#\($0)" } ?? "")"
            for x in trees.indices {
                for y in trees.indices where x < y && trees[x] == trees[y] {
                    if rows.contains(where: { $0[x] != $0[y] }) {
                        problems.append("\(label): columns \(header[x]) and \(header[y]) parse alike but differ")
                    }
                }
            }
            guard rows.allSatisfy({ $0[a] == $0[b] }) else { continue }
            checked += 1
            if trees[a] == trees[b] { matched += 1 } else { problems.append("\(label): a and b parse differently") }
        }
        print(
            "precedence: \(matched) of \(checked) checkable scenarios (of \(total); the rest compare the forms inside "
                + "one column) parse the unparenthesised form as intended")
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        #expect(checked >= 60)
        #expect(matched == checked)
    }
}

extension TCKSyntaxConformanceTests {
    /// Printing a parsed TCK query and parsing the text again gives the same tree (compared through a second
    /// printing), and the printed query still compiles.
    @Test(.enabled(if: tckPresent, "needs ../shared/tck/features"))
    func printedQueriesParseBackToTheSameTree() throws {
        var queries = Set<String>()
        for (_, scenario) in try Self.loadScenarios() where !scenario.expectsCompileTimeError {
            queries.formUnion(scenario.queries)
            queries.formUnion(scenario.setupQueries)
        }
        var stable = 0
        var problems: [String] = []
        for query in queries.sorted() {
            guard let statement = try? SemanticChecker.compile(query) else { continue }
            let printed = CypherPrinter.print(statement)
            do {
                let reparsed = try SemanticChecker.compile(printed)
                if CypherPrinter.print(reparsed) == printed {
                    stable += 1
                } else {
                    problems.append("unstable: \(printed)")
                }
            } catch {
                problems.append("\(error)\n  from: \(printed)")
            }
        }
        print("printer: \(stable) of \(queries.count) distinct TCK queries round-trip")
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }
}
