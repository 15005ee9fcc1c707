/// What one regex position accepts: a scalar, any scalar, or a class (ranges and named predicates, possibly
/// negated), with or without case folding.
indirect enum ScalarMatcher {
    case scalar(Unicode.Scalar)
    /// A scalar compared case-insensitively (stored folded).
    case folded(Unicode.Scalar)
    /// `.`: anything, or anything but a line terminator.
    case any(dotAll: Bool)
    case set(ScalarSet)

    func matches(_ c: Unicode.Scalar) -> Bool {
        switch self {
        case .scalar(let s): return c == s
        case .folded(let s): return Self.fold(c) == s
        case .any(let dotAll): return dotAll || !CypherRegex.isLineTerminator(c)
        case .set(let set): return set.contains(c)
        }
    }

    /// Simple case folding: the lowercase of a scalar whose lowercase is one scalar.
    static func fold(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c.isASCII {
            return c.value >= 65 && c.value <= 90 ? Unicode.Scalar(c.value + 32)! : c
        }
        let lower = c.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first! : c
    }

    /// Java's `\w`: `[a-zA-Z_0-9]`.
    static func isWord(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: return true
        default: return false
        }
    }
}

/// A character class: scalar ranges and named predicates, nested classes (union), negation and folding.
struct ScalarSet {
    var ranges: [ClosedRange<UInt32>] = []
    var predicates: [ClassPredicate] = []
    var negatedPredicates: [ClassPredicate] = []
    var members: [ScalarSet] = []
    var negated = false
    var caseInsensitive = false

    func contains(_ c: Unicode.Scalar) -> Bool {
        var hit = containsExactly(c)
        if !hit, caseInsensitive {
            let lower = ScalarMatcher.fold(c)
            hit = containsExactly(lower)
            if !hit {
                let upper = c.properties.uppercaseMapping.unicodeScalars
                if upper.count == 1 { hit = containsExactly(upper.first!) }
            }
        }
        return hit != negated
    }

    private func containsExactly(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        for r in ranges where r.contains(v) { return true }
        for p in predicates where p.matches(c) { return true }
        for p in negatedPredicates where !p.matches(c) { return true }
        for m in members where m.contains(c) { return true }
        return false
    }
}

/// The named classes of Java's syntax (`\d`, `\p{Alpha}`, `\p{Lu}`, ...), ASCII-only where Java's are by
/// default.
enum ClassPredicate {
    case digit, word, space, horizontalSpace, verticalSpace
    case posix(String)
    case category([Unicode.GeneralCategory])
    case alphabetic, letter, uppercase, lowercase, whiteSpace, unicodeDigit, punctuation, control, ideographic

    func matches(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        switch self {
        case .digit: return v >= 0x30 && v <= 0x39
        case .word: return ScalarMatcher.isWord(c)
        case .space: return v == 0x20 || (v >= 0x09 && v <= 0x0D)
        case .horizontalSpace:
            return [0x20, 0x09, 0xA0, 0x1680, 0x180E, 0x202F, 0x205F, 0x3000].contains(v) || (0x2000...0x200A).contains(v)
        case .verticalSpace: return (0x0A...0x0D).contains(v) || v == 0x85 || v == 0x2028 || v == 0x2029
        case .posix(let name):
            guard c.isASCII else { return false }
            switch name {
            case "Lower": return (0x61...0x7A).contains(v)
            case "Upper": return (0x41...0x5A).contains(v)
            case "ASCII": return true
            case "Alpha": return (0x61...0x7A).contains(v) || (0x41...0x5A).contains(v)
            case "Digit": return (0x30...0x39).contains(v)
            case "Alnum": return (0x61...0x7A).contains(v) || (0x41...0x5A).contains(v) || (0x30...0x39).contains(v)
            case "Punct": return (0x21...0x2F).contains(v) || (0x3A...0x40).contains(v) || (0x5B...0x60).contains(v) || (0x7B...0x7E).contains(v)
            case "Graph": return (0x21...0x7E).contains(v)
            case "Print": return (0x20...0x7E).contains(v)
            case "Blank": return v == 0x20 || v == 0x09
            case "Cntrl": return v < 0x20 || v == 0x7F
            case "XDigit": return (0x30...0x39).contains(v) || (0x41...0x46).contains(v) || (0x61...0x66).contains(v)
            case "Space": return v == 0x20 || (0x09...0x0D).contains(v)
            default: return false
            }
        case .category(let cats): return cats.contains(c.properties.generalCategory)
        case .alphabetic: return c.properties.isAlphabetic
        case .letter:
            switch c.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
            default: return false
            }
        case .uppercase: return c.properties.isUppercase
        case .lowercase: return c.properties.isLowercase
        case .whiteSpace: return c.properties.isWhitespace
        case .unicodeDigit: return c.properties.generalCategory == .decimalNumber
        case .punctuation:
            switch c.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                .finalPunctuation, .otherPunctuation:
                return true
            default: return false
            }
        case .control: return c.properties.generalCategory == .control
        case .ideographic: return c.properties.isIdeographic
        }
    }

    static let posixNames: Set<String> = [
        "Lower", "Upper", "ASCII", "Alpha", "Digit", "Alnum", "Punct", "Graph", "Print", "Blank", "Cntrl", "XDigit",
        "Space",
    ]

    /// The predicate a `\p{name}` names, or nil.
    static func named(_ name: String) -> ClassPredicate? {
        if posixNames.contains(name) { return .posix(name) }
        var n = name
        for prefix in ["Is", "general_category=", "gc="] where n.hasPrefix(prefix) { n.removeFirst(prefix.count) }
        if n.hasPrefix("java") { n.removeFirst(4) }
        switch n.lowercased() {
        case "alphabetic": return .alphabetic
        case "letter": return .letter
        case "uppercase", "uppercaseletter": return .uppercase
        case "lowercase", "lowercaseletter": return .lowercase
        case "white_space", "whitespace": return .whiteSpace
        case "digit": return .unicodeDigit
        case "punctuation": return .punctuation
        case "control": return .control
        case "ideographic": return .ideographic
        default: break
        }
        let table: [String: [Unicode.GeneralCategory]] = [
            "L": [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter],
            "Lu": [.uppercaseLetter], "Ll": [.lowercaseLetter], "Lt": [.titlecaseLetter], "Lm": [.modifierLetter],
            "Lo": [.otherLetter],
            "M": [.nonspacingMark, .spacingMark, .enclosingMark], "Mn": [.nonspacingMark], "Mc": [.spacingMark],
            "Me": [.enclosingMark],
            "N": [.decimalNumber, .letterNumber, .otherNumber], "Nd": [.decimalNumber], "Nl": [.letterNumber],
            "No": [.otherNumber],
            "P": [
                .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                .finalPunctuation, .otherPunctuation,
            ],
            "Pc": [.connectorPunctuation], "Pd": [.dashPunctuation], "Ps": [.openPunctuation],
            "Pe": [.closePunctuation], "Pi": [.initialPunctuation], "Pf": [.finalPunctuation],
            "Po": [.otherPunctuation],
            "S": [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol], "Sm": [.mathSymbol],
            "Sc": [.currencySymbol], "Sk": [.modifierSymbol], "So": [.otherSymbol],
            "Z": [.spaceSeparator, .lineSeparator, .paragraphSeparator], "Zs": [.spaceSeparator],
            "Zl": [.lineSeparator], "Zp": [.paragraphSeparator],
            "C": [.control, .format, .surrogate, .privateUse, .unassigned], "Cc": [.control], "Cf": [.format],
            "Cs": [.surrogate], "Co": [.privateUse], "Cn": [.unassigned],
        ]
        return table[n].map(ClassPredicate.category)
    }
}
