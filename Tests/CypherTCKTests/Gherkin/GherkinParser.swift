/// A parser for the Gherkin subset the openCypher TCK uses: Feature, Background, Scenario, Scenario Outline with
/// Examples (expanded here, substituting `<name>` in step texts, doc strings and tables), tags, `#` comments,
/// steps with `"""` doc strings or `|` tables.
struct GherkinParser {
    private let lines: [Substring]
    private let path: String
    private var index = 0

    init(text: String, path: String) {
        self.lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        self.path = path
    }

    static func parse(text: String, path: String) throws(GherkinError) -> GherkinFeature {
        var parser = GherkinParser(text: text, path: path)
        return try parser.parseFeature()
    }

    private func fail(_ message: String) -> GherkinError {
        GherkinError(path: path, line: index + 1, message: message)
    }

    private func trimmed(_ i: Int) -> Substring {
        let line = lines[i]
        let start = line.firstIndex { !$0.isWhitespace } ?? line.endIndex
        let end = line.lastIndex { !$0.isWhitespace }.map { line.index(after: $0) } ?? start
        return start < end ? line[start..<end] : ""
    }

    private struct Block {
        var kind: String  // "Background", "Scenario", "Scenario Outline"
        var name: String
        var line: Int
        var tags: [String]
        var steps: [GherkinStep] = []
        var examples: [[[String]]] = []
    }

    private mutating func parseFeature() throws(GherkinError) -> GherkinFeature {
        var featureName: String? = nil
        var blocks: [Block] = []
        var pendingTags: [String] = []
        while index < lines.count {
            let line = trimmed(index)
            if line.isEmpty || line.hasPrefix("#") {
                index += 1
                continue
            }
            if line.hasPrefix("@") {
                pendingTags += line.split(separator: " ").map(String.init)
                index += 1
                continue
            }
            if line.hasPrefix("Feature:") {
                featureName = String(line.dropFirst("Feature:".count)).trimmingSpaces
                pendingTags = []
                index += 1
                continue
            }
            if let (kind, rest) = Self.blockHeader(line) {
                blocks.append(Block(kind: kind, name: rest, line: index + 1, tags: pendingTags))
                pendingTags = []
                index += 1
                continue
            }
            if line.hasPrefix("Examples:") {
                guard !blocks.isEmpty, blocks[blocks.count - 1].kind == "Scenario Outline" else {
                    throw fail("Examples outside a Scenario Outline")
                }
                index += 1
                let table = try parseTable()
                guard !table.isEmpty else { throw fail("Examples without a table") }
                blocks[blocks.count - 1].examples.append(table)
                continue
            }
            if let keyword = Self.stepKeyword(line) {
                guard !blocks.isEmpty else { throw fail("Step outside a scenario") }
                var text = String(line.dropFirst(keyword.count)).trimmingSpaces
                if text.hasSuffix(":") { text.removeLast() }
                let stepLine = index + 1
                index += 1
                var step = GherkinStep(keyword: keyword, text: text, docString: nil, table: nil, line: stepLine)
                skipBlankAndComments()
                if index < lines.count {
                    let next = trimmed(index)
                    if next.hasPrefix("\"\"\"") {
                        step.docString = try parseDocString()
                    } else if next.hasPrefix("|") {
                        step.table = try parseTable()
                    }
                }
                blocks[blocks.count - 1].steps.append(step)
                continue
            }
            throw fail("Unrecognised line: \(line)")
        }
        guard let featureName else { throw fail("No Feature: line") }
        var background: [GherkinStep] = []
        var scenarios: [GherkinScenario] = []
        for block in blocks {
            switch block.kind {
            case "Background":
                background = block.steps
            case "Scenario":
                scenarios.append(
                    GherkinScenario(
                        name: block.name, line: block.line, exampleRow: nil, tags: block.tags,
                        steps: background + block.steps))
            default:
                guard !block.examples.isEmpty else {
                    throw GherkinError(path: path, line: block.line, message: "Scenario Outline without Examples")
                }
                var row = 0
                for table in block.examples {
                    let header = table[0]
                    for values in table.dropFirst() {
                        guard values.count == header.count else {
                            throw GherkinError(path: path, line: block.line, message: "Examples row width mismatch")
                        }
                        let bindings = Dictionary(zip(header, values), uniquingKeysWith: { a, _ in a })
                        let steps = (background + block.steps).map { Self.substitute($0, bindings) }
                        scenarios.append(
                            GherkinScenario(
                                name: Self.substitute(block.name, bindings), line: block.line, exampleRow: row,
                                tags: block.tags, steps: steps))
                        row += 1
                    }
                }
            }
        }
        return GherkinFeature(name: featureName, path: path, scenarios: scenarios)
    }

    private static func blockHeader(_ line: Substring) -> (String, String)? {
        for kind in ["Scenario Outline", "Scenario Template", "Scenario", "Background", "Example"] {
            if line.hasPrefix(kind + ":") {
                let name = String(line.dropFirst(kind.count + 1)).trimmingSpaces
                let normalised =
                    kind == "Scenario Template" ? "Scenario Outline" : kind == "Example" ? "Scenario" : kind
                return (normalised, name)
            }
        }
        return nil
    }

    private static func stepKeyword(_ line: Substring) -> String? {
        for keyword in ["Given", "When", "Then", "And", "But"] where line.hasPrefix(keyword + " ") {
            return keyword
        }
        return nil
    }

    private mutating func skipBlankAndComments() {
        while index < lines.count {
            let line = trimmed(index)
            if line.isEmpty || line.hasPrefix("#") { index += 1 } else { return }
        }
    }

    /// A `"""` doc string; indentation up to the opening quotes' column is removed from each line.
    private mutating func parseDocString() throws(GherkinError) -> String {
        let opening = lines[index]
        let indent = opening.prefix { $0 == " " || $0 == "\t" }.count
        index += 1
        var body: [String] = []
        while index < lines.count {
            if trimmed(index).hasPrefix("\"\"\"") {
                index += 1
                return body.joined(separator: "\n")
            }
            let line = lines[index]
            let removable = min(indent, line.prefix { $0 == " " || $0 == "\t" }.count)
            body.append(String(line.dropFirst(removable)))
            index += 1
        }
        throw fail("Unterminated doc string")
    }

    /// Consecutive `| a | b |` rows (comments between rows are skipped).
    private mutating func parseTable() throws(GherkinError) -> [[String]] {
        var rows: [[String]] = []
        skipBlankAndComments()
        while index < lines.count {
            let line = trimmed(index)
            if line.hasPrefix("#") {
                index += 1
                continue
            }
            guard line.hasPrefix("|") else { break }
            rows.append(try Self.cells(line, fail: fail("Malformed table row")))
            index += 1
        }
        if let width = rows.first?.count, rows.contains(where: { $0.count != width }) {
            throw fail("Table rows of different widths")
        }
        return rows
    }

    /// Splits `| a | b\|c |` into trimmed cells, resolving `\|`, `\\` and `\n`.
    static func cells(_ line: Substring, fail: GherkinError) throws(GherkinError) -> [String] {
        if line == "|" { return [] }  // a table with no columns
        guard line.hasPrefix("|"), line.hasSuffix("|"), line.count >= 2 else { throw fail }
        var cells: [String] = []
        var cell = ""
        var escaped = false
        for ch in line.dropFirst() {
            if escaped {
                switch ch {
                case "|": cell.append("|")
                case "n": cell.append("\n")
                case "\\": cell.append("\\")
                default:
                    cell.append("\\")
                    cell.append(ch)
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "|" {
                cells.append(cell.trimmingSpaces)
                cell = ""
            } else {
                cell.append(ch)
            }
        }
        return cells
    }

    private static func substitute(_ text: String, _ bindings: [String: String]) -> String {
        guard text.contains("<") else { return text }
        var result = text
        for (key, value) in bindings { result = result.replacing("<\(key)>", with: value) }
        return result
    }

    private static func substitute(_ step: GherkinStep, _ bindings: [String: String]) -> GherkinStep {
        var copy = step
        copy.text = substitute(step.text, bindings)
        copy.docString = step.docString.map { substitute($0, bindings) }
        copy.table = step.table.map { $0.map { $0.map { substitute($0, bindings) } } }
        return copy
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return start < end ? String(self[start..<end]) : ""
    }
}
