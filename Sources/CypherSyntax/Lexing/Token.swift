/// One lexical token of a Cypher query with its source span.
public struct Token: Sendable, Hashable {
    /// What kind of token this is and its payload.
    public enum Kind: Sendable, Hashable {
        /// An identifier or keyword. `quoted` is true for backtick-quoted names, which are never keywords.
        case word(String, quoted: Bool)
        /// A string literal, escapes already resolved.
        case string(String)
        /// An integer literal's digits (no sign, no prefix) and radix (10, 16 or 8). The parser checks the range,
        /// so that `-9223372036854775808` can be accepted.
        case integer(digits: String, radix: Int)
        /// A floating point literal.
        case float(Double)
        /// A parameter `$name` or `$0`.
        case parameter(String)
        /// An operator or punctuation, e.g. `(`, `..`, `=~`, `<>`, `+=`.
        case symbol(String)
        /// A malformed number literal; the parser reports `InvalidNumberLiteral` where a value was expected and
        /// `UnexpectedSyntax` elsewhere.
        case invalidNumber(String)
        /// End of input.
        case end
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// True when the token is the unquoted keyword `keyword` (compared case-insensitively; pass it upper case).
    @inlinable
    public func isKeyword(_ keyword: String) -> Bool {
        if case .word(let w, false) = kind { return w.uppercased() == keyword }
        return false
    }

    /// True when the token is the symbol `symbol`.
    @inlinable
    public func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(let s) = kind { return s == symbol }
        return false
    }

    /// A short text for error messages.
    public var display: String {
        switch kind {
        case .word(let w, let q): q ? "`\(w)`" : w
        case .string(let s): "'\(s)'"
        case .integer(let d, let r): r == 16 ? "0x\(d)" : r == 8 ? "0o\(d)" : d
        case .float(let f): "\(f)"
        case .parameter(let p): "$\(p)"
        case .symbol(let s): s
        case .invalidNumber(let text): text
        case .end: "end of input"
        }
    }
}
