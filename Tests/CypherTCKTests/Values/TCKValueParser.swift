/// Parses the TCK's value syntax: `null`, `true`, integers, floats (incl. `NaN`, `Inf`, `-Inf`), `'strings'`,
/// lists, maps, nodes `(:L {p: 1})`, relationships `[:T {p: 1}]` and paths `<(a)-[:T]->(b)>`.
struct TCKValueParser {
    struct Failure: Error, CustomStringConvertible {
        var text: String
        var offset: Int
        var message: String
        var description: String { "\(message) at offset \(offset) in \(text)" }
    }

    private let chars: [Character]
    private let text: String
    private var i = 0

    init(_ text: String) {
        self.text = text
        self.chars = Array(text)
    }

    static func parse(_ text: String) throws(Failure) -> TCKValue {
        var parser = TCKValueParser(text)
        let value = try parser.value()
        parser.skipSpaces()
        if parser.i != parser.chars.count { throw parser.fail("Trailing characters") }
        return value
    }

    private func fail(_ message: String) -> Failure { Failure(text: text, offset: i, message: message) }

    private mutating func skipSpaces() {
        while i < chars.count, chars[i].isWhitespace { i += 1 }
    }

    private mutating func accept(_ c: Character) -> Bool {
        skipSpaces()
        if i < chars.count, chars[i] == c {
            i += 1
            return true
        }
        return false
    }

    private mutating func expect(_ c: Character) throws(Failure) {
        if !accept(c) { throw fail("Expected '\(c)'") }
    }

    private mutating func acceptWord(_ w: String) -> Bool {
        skipSpaces()
        let word = Array(w)
        guard i + word.count <= chars.count, Array(chars[i..<(i + word.count)]) == word else { return false }
        let after = i + word.count
        if after < chars.count, chars[after].isLetter || chars[after].isNumber || chars[after] == "_" { return false }
        i = after
        return true
    }

    private mutating func name() throws(Failure) -> String {
        skipSpaces()
        if accept("`") {
            var s = ""
            while i < chars.count, chars[i] != "`" {
                s.append(chars[i])
                i += 1
            }
            try expect("`")
            return s
        }
        let start = i
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
        if start == i { throw fail("Expected a name") }
        return String(chars[start..<i])
    }

    mutating func value() throws(Failure) -> TCKValue {
        skipSpaces()
        guard i < chars.count else { throw fail("Unexpected end") }
        let c = chars[i]
        if acceptWord("null") { return .null }
        if acceptWord("true") { return .boolean(true) }
        if acceptWord("false") { return .boolean(false) }
        if acceptWord("NaN") { return .float(.nan) }
        if acceptWord("Inf") { return .float(.infinity) }
        if acceptWord("-Inf") { return .float(-.infinity) }
        switch c {
        case "'", "\"": return .string(try string())
        case "[":
            if i + 1 < chars.count, chars[i + 1] == ":" { return try relationship() }
            i += 1
            var items: [TCKValue] = []
            if !accept("]") {
                repeat { items.append(try value()) } while accept(",")
                try expect("]")
            }
            return .list(items)
        case "{": return .map(try properties())
        case "(": return try node()
        case "<": return try path()
        default:
            if c == "-" || c == "+" || c == "." || c.isNumber { return try number() }
            throw fail("Unexpected character '\(c)'")
        }
    }

    private mutating func string() throws(Failure) -> String {
        let quote = chars[i]
        i += 1
        var s = ""
        while i < chars.count {
            let c = chars[i]
            if c == quote {
                i += 1
                return s
            }
            if c == "\\", i + 1 < chars.count {
                i += 1
                switch chars[i] {
                case "n": s.append("\n")
                case "t": s.append("\t")
                case "r": s.append("\r")
                default: s.append(chars[i])
                }
            } else {
                s.append(c)
            }
            i += 1
        }
        throw fail("Unterminated string")
    }

    private mutating func number() throws(Failure) -> TCKValue {
        let start = i
        while i < chars.count, chars[i].isNumber || "+-.eExXabcdefABCDEFo".contains(chars[i]) { i += 1 }
        let literal = String(chars[start..<i])
        if let integer = Int64(literal) { return .integer(integer) }
        if let float = Double(literal) { return .float(float) }
        throw fail("Invalid number '\(literal)'")
    }

    private mutating func properties() throws(Failure) -> [(String, TCKValue)] {
        try expect("{")
        var entries: [(String, TCKValue)] = []
        if accept("}") { return entries }
        repeat {
            let key = try name()
            try expect(":")
            entries.append((key, try value()))
        } while accept(",")
        try expect("}")
        return entries
    }

    private mutating func node() throws(Failure) -> TCKValue {
        try expect("(")
        var labels: [String] = []
        while accept(":") { labels.append(try name()) }
        skipSpaces()
        let props = i < chars.count && chars[i] == "{" ? try properties() : []
        try expect(")")
        return .node(labels: labels, properties: props)
    }

    private mutating func relationship() throws(Failure) -> TCKValue {
        try expect("[")
        var type: String? = nil
        if accept(":") { type = try name() }
        skipSpaces()
        let props = i < chars.count && chars[i] == "{" ? try properties() : []
        try expect("]")
        return .relationship(type: type, properties: props)
    }

    private mutating func path() throws(Failure) -> TCKValue {
        try expect("<")
        var nodes = [try node()]
        var relationships: [TCKValue] = []
        var forward: [Bool] = []
        while true {
            skipSpaces()
            if accept(">") { break }
            let backward = accept("<")
            try expect("-")
            relationships.append(try relationship())
            try expect("-")
            let ahead = accept(">")
            if backward == ahead { throw fail("A path relationship needs exactly one direction") }
            forward.append(ahead)
            nodes.append(try node())
        }
        return .path(nodes: nodes, relationships: relationships, forward: forward)
    }
}
