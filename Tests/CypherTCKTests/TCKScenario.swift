/// A TCK scenario interpreted from its Gherkin steps: what to set up, what to run and what to expect.
struct TCKScenario: Sendable {
    enum InitialGraph: Sendable, Equatable {
        case empty
        case any
        case named(String)
    }

    enum Expectation: Sendable {
        /// `Then the result should be, ...`: header, rows, whether order matters and whether lists compare unordered.
        case result(header: [String], rows: [[TCKValue]], ordered: Bool, ignoringListOrder: Bool)
        case emptyResult
        /// `Then a <Class> should be raised at <phase>: <Code>`.
        case error(classification: String, phase: Phase, code: String)
    }

    enum Phase: String, Sendable {
        case compileTime = "compile time"
        case runtime
        case anyTime = "any time"
    }

    struct Procedure: Sendable {
        var signature: String
        var table: [[String]]
    }

    var feature: String
    var name: String
    var line: Int
    var exampleRow: Int?
    var graph: InitialGraph = .empty
    var setupQueries: [String] = []
    var parameters: [(String, TCKValue)] = []
    var procedures: [Procedure] = []
    var queries: [String] = []
    var controlQueries: [String] = []
    /// The query whose result the `Then` step describes: the last one executed, control queries included.
    var resultQuery: String?
    var expectation: Expectation?
    /// `And the side effects should be:` rows; empty for `And no side effects`, nil when not stated.
    var sideEffects: [(String, Int)]?

    struct Failure: Error, CustomStringConvertible {
        var feature: String
        var line: Int
        var message: String
        var description: String { "\(feature):\(line): \(message)" }
    }

    /// Interprets `scenario`'s steps; every step form the TCK uses is understood, anything else fails.
    init(_ scenario: GherkinScenario, feature: String) throws(Failure) {
        self.feature = feature
        self.name = scenario.name
        self.line = scenario.line
        self.exampleRow = scenario.exampleRow
        for step in scenario.steps {
            let text = step.text
            func fail(_ message: String) -> Failure { Failure(feature: feature, line: step.line, message: message) }
            if text == "an empty graph" {
                graph = .empty
            } else if text == "any graph" {
                graph = .any
            } else if text.hasPrefix("the "), text.hasSuffix(" graph") {
                graph = .named(String(text.dropFirst(4).dropLast(6)))
            } else if text == "having executed" {
                guard let query = step.docString else { throw fail("having executed without a query") }
                setupQueries.append(query)
            } else if text == "parameters are" {
                guard let table = step.table else { throw fail("parameters without a table") }
                for row in table {
                    guard row.count == 2 else { throw fail("parameter rows need two cells") }
                    do {
                        parameters.append((row[0], try TCKValueParser.parse(row[1])))
                    } catch {
                        throw fail("bad parameter value: \(error)")
                    }
                }
            } else if text.hasPrefix("there exists a procedure ") {
                procedures.append(
                    Procedure(
                        signature: String(text.dropFirst("there exists a procedure ".count)), table: step.table ?? []))
            } else if text == "executing query" || text == "executing control query" {
                guard let query = step.docString else { throw fail("executing query without a query") }
                if text == "executing query" { queries.append(query) } else { controlQueries.append(query) }
                resultQuery = query
            } else if text == "the result should be empty" {
                expectation = .emptyResult
            } else if text.hasPrefix("the result should be") {
                guard let table = step.table, let header = table.first else { throw fail("result without a table") }
                var rows: [[TCKValue]] = []
                for row in table.dropFirst() {
                    var values: [TCKValue] = []
                    for cell in row {
                        do {
                            values.append(try TCKValueParser.parse(cell))
                        } catch {
                            throw fail("bad result value: \(error)")
                        }
                    }
                    rows.append(values)
                }
                expectation = .result(
                    header: header, rows: rows, ordered: text.contains("in order"),
                    ignoringListOrder: text.contains("ignoring element order for lists"))
            } else if let error = Self.parseError(text) {
                expectation = error
            } else if text == "no side effects" {
                sideEffects = []
            } else if text == "the side effects should be" {
                guard let table = step.table else { throw fail("side effects without a table") }
                var effects: [(String, Int)] = []
                for row in table {
                    guard row.count == 2, let count = Int(row[1]) else { throw fail("bad side effect row") }
                    effects.append((row[0], count))
                }
                sideEffects = effects
            } else {
                throw fail("unknown step: \(step.keyword) \(text)")
            }
        }
        if queries.isEmpty { throw Failure(feature: feature, line: line, message: "scenario runs no query") }
        if expectation == nil { throw Failure(feature: feature, line: line, message: "scenario expects nothing") }
    }

    /// `a SyntaxError should be raised at compile time: UndefinedVariable`.
    private static func parseError(_ text: String) -> Expectation? {
        guard text.hasPrefix("a "), let should = text.firstRange(of: " should be raised at ") else { return nil }
        let classification = String(text[text.index(text.startIndex, offsetBy: 2)..<should.lowerBound])
        let rest = text[should.upperBound...]
        guard let colon = rest.firstIndex(of: ":"), let phase = Phase(rawValue: String(rest[..<colon])) else {
            return nil
        }
        let code = String(rest[rest.index(after: colon)...]).trimmingSpaces
        return .error(classification: classification, phase: phase, code: code)
    }

    /// True when the scenario expects a compile-time error.
    var expectsCompileTimeError: Bool {
        if case .error(_, .compileTime, _) = expectation { return true }
        return false
    }
}
