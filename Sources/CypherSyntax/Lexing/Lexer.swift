/// Splits a Cypher query text into tokens with positions.
///
/// Identifiers may be backtick-quoted (a doubled backtick stands for one), strings use either quote style with
/// backslash escapes, integers are decimal, hexadecimal (`0x`) or octal (`0o`), floats may have an exponent,
/// parameters are `$name` or `$0`, and `//` and `/* */` comments are skipped.
public struct Lexer: Sendable {
    private let scalars: [Unicode.Scalar]
    private let source: String
    private var index = 0
    private var line = 1
    private var column = 1

    public init(_ source: String) {
        self.source = source
        self.scalars = Array(source.unicodeScalars)
    }

    /// Tokenizes the whole text; the last token is `.end`.
    /// - Complexity: O(n) in the length of the text.
    public static func tokenize(_ source: String) throws(CypherSyntaxError) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if case .end = token.kind { return tokens }
        }
    }

    private var location: SourceLocation { SourceLocation(line: line, column: column, offset: index) }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private func error(_ code: CypherSyntaxError.Code, _ message: String, at start: SourceLocation) -> CypherSyntaxError
    {
        CypherSyntaxError(code, message, at: SourceSpan(start: start, end: location), source: source)
    }

    private static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
        c.properties.isWhitespace || c == "\u{1C}" || c == "\u{1D}" || c == "\u{1E}" || c == "\u{1F}"
    }

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || c.properties.generalCategory == .connectorPunctuation
    }

    private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || c.properties.numericType != nil || c == "$"
            || c.properties.generalCategory == .nonspacingMark || c.properties.generalCategory == .spacingMark
    }

    private mutating func skipTrivia() throws(CypherSyntaxError) {
        while let c = peek() {
            if Self.isWhitespace(c) {
                advance()
            } else if c == "/", peek(1) == "/" {
                while let d = peek(), d != "\n" { advance() }
            } else if c == "/", peek(1) == "*" {
                let start = location
                advance()
                advance()
                while true {
                    guard let d = peek() else { throw error(.unexpectedSyntax, "Unterminated comment", at: start) }
                    if d == "*", peek(1) == "/" {
                        advance()
                        advance()
                        break
                    }
                    advance()
                }
            } else {
                return
            }
        }
    }

    /// Reads the next token.
    public mutating func next() throws(CypherSyntaxError) -> Token {
        try skipTrivia()
        let start = location
        guard let c = peek() else { return Token(kind: .end, span: SourceSpan(start: start, end: start)) }
        let kind: Token.Kind
        if c == "`" {
            kind = .word(try readQuotedName(), quoted: true)
        } else if Self.isIdentifierStart(c) {
            var word = ""
            while let d = peek(), Self.isIdentifierPart(d) {
                word.unicodeScalars.append(d)
                advance()
            }
            kind = .word(word, quoted: false)
        } else if c == "'" || c == "\"" {
            kind = .string(try readString(quote: c))
        } else if c.properties.numericType == .decimal, c.isASCII {
            kind = try readNumber()
        } else if c == ".", let d = peek(1), d.isASCII, d.properties.numericType == .decimal {
            kind = try readNumber()
        } else if c == "$" {
            advance()
            if peek() == "`" {
                kind = .parameter(try readQuotedName())
            } else {
                var name = ""
                while let d = peek(), Self.isIdentifierPart(d), d != "$" {
                    name.unicodeScalars.append(d)
                    advance()
                }
                if name.isEmpty { throw error(.unexpectedSyntax, "Expected a parameter name after '$'", at: start) }
                kind = .parameter(name)
            }
        } else {
            kind = .symbol(try readSymbol())
        }
        return Token(kind: kind, span: SourceSpan(start: start, end: location))
    }

    private mutating func readQuotedName() throws(CypherSyntaxError) -> String {
        let start = location
        advance()
        var name = ""
        while true {
            guard let c = peek() else { throw error(.unexpectedSyntax, "Unterminated quoted name", at: start) }
            advance()
            if c == "`" {
                if peek() == "`" {
                    name.unicodeScalars.append("`")
                    advance()
                } else {
                    return name
                }
            } else {
                name.unicodeScalars.append(c)
            }
        }
    }

    private mutating func readString(quote: Unicode.Scalar) throws(CypherSyntaxError) -> String {
        let start = location
        advance()
        var text = ""
        while true {
            guard let c = peek() else { throw error(.unexpectedSyntax, "Unterminated string literal", at: start) }
            if c == quote {
                advance()
                return text
            }
            if c != "\\" {
                text.unicodeScalars.append(c)
                advance()
                continue
            }
            let escapeStart = location
            advance()
            guard let e = peek() else { throw error(.unexpectedSyntax, "Unterminated string literal", at: start) }
            advance()
            switch e {
            case "\\": text += "\\"
            case "'": text += "'"
            case "\"": text += "\""
            case "b", "B": text += "\u{8}"
            case "f", "F": text += "\u{C}"
            case "n", "N": text += "\n"
            case "r", "R": text += "\r"
            case "t", "T": text += "\t"
            case "u", "U":
                let count = e == "u" ? 4 : 8
                var value: UInt32 = 0
                for _ in 0..<count {
                    guard let h = peek(), let digit = Self.hexValue(h) else {
                        throw error(.invalidUnicodeLiteral, "Invalid unicode escape sequence", at: escapeStart)
                    }
                    value = value * 16 + UInt32(digit)
                    advance()
                }
                guard let scalar = Unicode.Scalar(value) else {
                    throw error(.invalidUnicodeLiteral, "Invalid unicode code point", at: escapeStart)
                }
                text.unicodeScalars.append(scalar)
            default:
                // Unknown escapes keep the backslash, as Neo4j does.
                text += "\\"
                text.unicodeScalars.append(e)
            }
        }
    }

    private static func hexValue(_ c: Unicode.Scalar) -> Int? {
        switch c {
        case "0"..."9": Int(c.value - 48)
        case "a"..."f": Int(c.value - 97 + 10)
        case "A"..."F": Int(c.value - 65 + 10)
        default: nil
        }
    }

    private mutating func readNumber() throws(CypherSyntaxError) -> Token.Kind {
        let start = location
        var text = ""
        // Take the longest run of alphanumerics, dots followed by digits and exponent signs, then validate it.
        func isDigit(_ c: Unicode.Scalar?) -> Bool {
            c.map { $0.isASCII && $0.properties.numericType == .decimal } ?? false
        }
        if peek() == "0", let p = peek(1), p == "x" || p == "X" || p == "o" || p == "O" {
            let radix = (p == "x" || p == "X") ? 16 : 8
            advance()
            advance()
            while let c = peek(), Self.isIdentifierPart(c) {
                text.unicodeScalars.append(c)
                advance()
            }
            let valid =
                !text.isEmpty
                && text.unicodeScalars.allSatisfy { s in
                    guard let v = Self.hexValue(s) else { return false }
                    return v < radix
                }
            if !valid { return .invalidNumber(String(p) + text) }
            return .integer(digits: text, radix: radix)
        }
        var isFloat = false
        while let c = peek() {
            if isDigit(c) {
                text.unicodeScalars.append(c)
                advance()
            } else if c == ".", !isFloat, isDigit(peek(1)), !text.contains("e"), !text.contains("E") {
                isFloat = true
                text += "."
                advance()
            } else if c == "e" || c == "E", isDigit(peek(1)) || ((peek(1) == "-" || peek(1) == "+") && isDigit(peek(2)))
            {
                isFloat = true
                text.unicodeScalars.append(c)
                advance()
                if let s = peek(), s == "-" || s == "+" {
                    text.unicodeScalars.append(s)
                    advance()
                }
            } else if Self.isIdentifierPart(c) {
                // Letters glued to a number, e.g. `123abc`.
                while let d = peek(), Self.isIdentifierPart(d) {
                    text.unicodeScalars.append(d)
                    advance()
                }
                return .invalidNumber(text)
            } else {
                break
            }
        }
        if isFloat {
            guard let value = Double(text) else { return .invalidNumber(text) }
            if !value.isFinite { throw error(.floatingPointOverflow, "Floating point number is too large", at: start) }
            return .float(value)
        }
        if text.count > 1, text.hasPrefix("0") {
            // Legacy octal `0777`.
            if text.unicodeScalars.allSatisfy({ $0.value < 56 }) {
                return .integer(digits: String(text.dropFirst()), radix: 8)
            }
            return .invalidNumber(text)
        }
        return .integer(digits: text, radix: 10)
    }

    private static let symbols3: Set<String> = []
    private static let symbols2: Set<String> = ["..", "=~", "<>", "!=", "<=", ">=", "+=", "::"]

    private mutating func readSymbol() throws(CypherSyntaxError) -> String {
        let start = location
        if let a = peek(), let b = peek(1) {
            var pair = ""
            pair.unicodeScalars.append(a)
            pair.unicodeScalars.append(b)
            if Self.symbols2.contains(pair) {
                advance()
                advance()
                return pair
            }
        }
        let c = peek()!
        let singles: Set<Unicode.Scalar> = [
            "(", ")", "[", "]", "{", "}", ",", ".", ":", ";", "|", "+", "-", "*", "/", "%", "^", "=", "<", ">", "!",
        ]
        // Unicode dashes and arrow heads are accepted in patterns as their ASCII forms.
        let dashes: Set<UInt32> = [
            0x00AD, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D,
        ]
        let lefts: Set<UInt32> = [0x27E8, 0x3008, 0xFE64, 0xFF1C]
        let rights: Set<UInt32> = [0x27E9, 0x3009, 0xFE65, 0xFF1E]
        advance()
        if singles.contains(c) { return String(Character(c)) }
        if dashes.contains(c.value) { return String(Character(c)) }
        if lefts.contains(c.value) { return "<" }
        if rights.contains(c.value) { return ">" }
        throw error(.unexpectedSyntax, "Unexpected character '\(Character(c))'", at: start)
    }
}
