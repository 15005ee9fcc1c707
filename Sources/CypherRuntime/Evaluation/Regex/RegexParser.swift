/// A parsed regular expression.
indirect enum RegexNode {
    case empty
    case consume(ScalarMatcher)
    case assert(CypherRegex.Assertion)
    case concat([RegexNode])
    case alternation([RegexNode])
    case repetition(RegexNode, min: Int, max: Int?)
}

/// Parses Java's regular-expression syntax (the subset `CypherRegex` documents) into a `RegexNode`.
struct RegexParser {
    struct Flags {
        var caseInsensitive = false
        var dotAll = false
        var multiline = false
        var comments = false
    }

    private let scalars: [Unicode.Scalar]
    private var i = 0

    init(_ pattern: String) {
        scalars = Array(pattern.unicodeScalars)
    }

    mutating func parse() throws(CypherRuntimeError) -> RegexNode {
        var flags = Flags()
        let node = try alternation(&flags)
        if i < scalars.count { throw error("unmatched closing ')'") }
        return node
    }

    private func error(_ message: String) -> CypherRuntimeError {
        CypherRuntimeError(.invalidArgumentValue, "invalid regular expression: \(message) near index \(i)")
    }

    private var peek: Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }

    private mutating func take() throws(CypherRuntimeError) -> Unicode.Scalar {
        guard i < scalars.count else { throw error("unexpected end of pattern") }
        defer { i += 1 }
        return scalars[i]
    }

    private mutating func accept(_ c: Unicode.Scalar) -> Bool {
        if peek == c {
            i += 1
            return true
        }
        return false
    }

    private mutating func alternation(_ flags: inout Flags) throws(CypherRuntimeError) -> RegexNode {
        var branches = [try sequence(&flags)]
        while accept("|") { branches.append(try sequence(&flags)) }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func skipComments(_ flags: Flags) {
        guard flags.comments else { return }
        while let c = peek {
            if c.properties.isWhitespace {
                i += 1
            } else if c == "#" {
                while let d = peek, !CypherRegex.isLineTerminator(d) { i += 1 }
            } else {
                return
            }
        }
    }

    private mutating func sequence(_ flags: inout Flags) throws(CypherRuntimeError) -> RegexNode {
        var items: [RegexNode] = []
        while true {
            skipComments(flags)
            guard let c = peek, c != "|", c != ")" else { break }
            guard var node = try atom(&flags) else { continue }
            skipComments(flags)
            if let (min, max) = try quantifier() {
                if accept("+") { throw error("possessive quantifiers are not supported") }
                _ = accept("?")  // lazy: the same language, so the same answer for a whole match
                node = .repetition(node, min: min, max: max)
                skipComments(flags)
                if let c = peek, "*+?".unicodeScalars.contains(c) { throw error("dangling meta character '\(c)'") }
            }
            items.append(node)
        }
        return items.count == 1 ? items[0] : (items.isEmpty ? .empty : .concat(items))
    }

    private mutating func quantifier() throws(CypherRuntimeError) -> (Int, Int?)? {
        switch peek {
        case "*":
            i += 1
            return (0, nil)
        case "+":
            i += 1
            return (1, nil)
        case "?":
            i += 1
            return (0, 1)
        case "{":
            i += 1
            let min = try number()
            var max: Int? = min
            if accept(",") { max = peek == "}" ? nil : try number() }
            guard accept("}") else { throw error("illegal repetition") }
            if let max, max < min { throw error("illegal repetition range") }
            return (min, max)
        default: return nil
        }
    }

    private mutating func number() throws(CypherRuntimeError) -> Int {
        var n = 0
        var digits = 0
        while let c = peek, let d = Int(String(c)), c.isASCII {
            n = n * 10 + d
            digits += 1
            if n > 1_000_000 { throw error("repetition count too large") }
            i += 1
        }
        if digits == 0 { throw error("illegal repetition") }
        return n
    }

    /// One atom; nil for a flag group such as `(?i)`, which changes `flags` for the rest of the group.
    private mutating func atom(_ flags: inout Flags) throws(CypherRuntimeError) -> RegexNode? {
        let c = try take()
        switch c {
        case "(": return try group(&flags)
        case "[": return .consume(.set(try characterClass(flags)))
        case ".": return .consume(.any(dotAll: flags.dotAll))
        case "^": return .assert(flags.multiline ? .lineStart : .textStart)
        case "$": return .assert(flags.multiline ? .lineEnd : .textEndOrFinalTerminator)
        case "\\": return try escape(flags)
        case "*", "+", "?", "{": throw error("dangling meta character '\(c)'")
        default: return literal(c, flags)
        }
    }

    private func literal(_ c: Unicode.Scalar, _ flags: Flags) -> RegexNode {
        flags.caseInsensitive ? .consume(.folded(ScalarMatcher.fold(c))) : .consume(.scalar(c))
    }

    private mutating func group(_ flags: inout Flags) throws(CypherRuntimeError) -> RegexNode? {
        var inner = flags
        if accept("?") {
            switch peek {
            case ":": i += 1
            case "=", "!": throw error("lookahead is not supported")
            case ">": throw error("atomic groups are not supported")
            case "<":
                i += 1
                if peek == "=" || peek == "!" { throw error("lookbehind is not supported") }
                var name = ""
                while let c = peek, c != ">" {
                    guard c.properties.isAlphabetic || ("0"..."9").contains(c) else { throw error("bad group name") }
                    name.unicodeScalars.append(c)
                    i += 1
                }
                guard accept(">"), !name.isEmpty else { throw error("bad group name") }
            default:
                var on = true
                while let c = peek, c != ")", c != ":" {
                    i += 1
                    switch c {
                    case "-": on = false
                    case "i": inner.caseInsensitive = on
                    case "s": inner.dotAll = on
                    case "m": inner.multiline = on
                    case "x": inner.comments = on
                    case "u", "d", "U": break
                    default: throw error("unknown inline flag '\(c)'")
                    }
                }
                if accept(")") {
                    flags = inner
                    return nil
                }
                guard accept(":") else { throw error("unclosed group") }
            }
        }
        let node = try alternation(&inner)
        guard accept(")") else { throw error("unclosed group") }
        return node
    }

    private mutating func escape(_ flags: Flags) throws(CypherRuntimeError) -> RegexNode {
        let c = try take()
        switch c {
        case "b": return .assert(.wordBoundary)
        case "B": return .assert(.notWordBoundary)
        case "A": return .assert(.textStart)
        case "z": return .assert(.textEnd)
        case "Z": return .assert(.textEndOrFinalTerminator)
        case "G": throw error("\\G is not supported")
        case "1"..."9", "k": throw error("backreferences are not supported")
        case "X", "N": throw error("\\\(c) is not supported")
        case "R":
            let crlf = RegexNode.concat([.consume(.scalar("\r")), .consume(.scalar("\n"))])
            var set = ScalarSet()
            set.ranges = [0x0A...0x0D, 0x85...0x85, 0x2028...0x2029]
            return .alternation([crlf, .consume(.set(set))])
        case "Q":
            var items: [RegexNode] = []
            while i < scalars.count {
                if scalars[i] == "\\", i + 1 < scalars.count, scalars[i + 1] == "E" {
                    i += 2
                    break
                }
                items.append(literal(scalars[i], flags))
                i += 1
            }
            return .concat(items)
        default:
            i -= 1
            switch try classEscape() {
            case .scalar(let s): return literal(s, flags)
            case .set(var set):
                set.caseInsensitive = flags.caseInsensitive
                return .consume(.set(set))
            }
        }
    }

    private enum ClassEscape {
        case scalar(Unicode.Scalar)
        case set(ScalarSet)
    }

    /// An escape after `\` that stands for a scalar or a class (valid inside and outside brackets).
    private mutating func classEscape() throws(CypherRuntimeError) -> ClassEscape {
        let c = try take()
        func predicate(_ p: ClassPredicate, negated: Bool) -> ClassEscape {
            var set = ScalarSet()
            if negated { set.negatedPredicates = [p] } else { set.predicates = [p] }
            return .set(set)
        }
        switch c {
        case "d", "D": return predicate(.digit, negated: c == "D")
        case "w", "W": return predicate(.word, negated: c == "W")
        case "s", "S": return predicate(.space, negated: c == "S")
        case "h", "H": return predicate(.horizontalSpace, negated: c == "H")
        case "v", "V": return predicate(.verticalSpace, negated: c == "V")
        case "p", "P":
            var name = ""
            if accept("{") {
                while let d = peek, d != "}" {
                    name.unicodeScalars.append(d)
                    i += 1
                }
                guard accept("}") else { throw error("unclosed character family") }
            } else {
                name.unicodeScalars.append(try take())
            }
            var negated = c == "P"
            if name.hasPrefix("^") {
                name.removeFirst()
                negated.toggle()
            }
            guard let p = ClassPredicate.named(name) else { throw error("unknown character property \(name)") }
            return predicate(p, negated: negated)
        case "t": return .scalar("\t")
        case "n": return .scalar("\n")
        case "r": return .scalar("\r")
        case "f": return .scalar("\u{0C}")
        case "a": return .scalar("\u{07}")
        case "e": return .scalar("\u{1B}")
        case "0":
            var value: UInt32 = 0
            var digits = 0
            while digits < 3, let d = peek, ("0"..."7").contains(d) {
                let next = value * 8 + (d.value - 48)
                if next > 0o377 { break }
                value = next
                digits += 1
                i += 1
            }
            guard digits > 0 else { throw error("illegal octal escape") }
            return .scalar(Unicode.Scalar(value)!)
        case "x":
            if accept("{") {
                let v = try hex(maxDigits: 8, until: "}")
                guard accept("}"), let s = Unicode.Scalar(v) else { throw error("illegal hexadecimal escape") }
                return .scalar(s)
            }
            guard let s = Unicode.Scalar(try hex(exactly: 2)) else { throw error("illegal hexadecimal escape") }
            return .scalar(s)
        case "u":
            guard let s = Unicode.Scalar(try hex(exactly: 4)) else { throw error("illegal unicode escape") }
            return .scalar(s)
        case "c":
            let d = try take()
            guard let s = Unicode.Scalar(d.value ^ 64) else { throw error("illegal control escape") }
            return .scalar(s)
        default:
            if c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) {
                throw error("illegal escape sequence \\\(c)")
            }
            return .scalar(c)
        }
    }

    private mutating func hex(exactly n: Int) throws(CypherRuntimeError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<n {
            guard let d = peek, d.isASCII, let x = UInt32(String(d), radix: 16) else {
                throw error("illegal hexadecimal escape")
            }
            v = v * 16 + x
            i += 1
        }
        return v
    }

    private mutating func hex(maxDigits: Int, until end: Unicode.Scalar) throws(CypherRuntimeError) -> UInt32 {
        var v: UInt32 = 0
        var digits = 0
        while let d = peek, d != end {
            guard d.isASCII, let x = UInt32(String(d), radix: 16), digits < maxDigits else {
                throw error("illegal hexadecimal escape")
            }
            v = v * 16 + x
            digits += 1
            i += 1
        }
        if digits == 0 { throw error("illegal hexadecimal escape") }
        return v
    }

    /// A bracketed class, after its `[`.
    private mutating func characterClass(_ flags: Flags) throws(CypherRuntimeError) -> ScalarSet {
        var set = ScalarSet()
        set.caseInsensitive = flags.caseInsensitive
        set.negated = accept("^")
        var first = true
        while true {
            guard let c = peek else { throw error("unclosed character class") }
            if c == "]", !first {
                i += 1
                break
            }
            first = false
            if flags.comments, c.properties.isWhitespace {
                i += 1
                continue
            }
            if c == "[" {
                i += 1
                set.members.append(try characterClass(flags))
                continue
            }
            if c == "&", i + 1 < scalars.count, scalars[i + 1] == "&" {
                throw error("class intersection (&&) is not supported")
            }
            let low: Unicode.Scalar
            i += 1
            if c == "\\" {
                switch try classEscape() {
                case .set(let inner):
                    set.members.append(inner)
                    continue
                case .scalar(let s): low = s
                }
            } else {
                low = c
            }
            if peek == "-", i + 1 < scalars.count, scalars[i + 1] != "]", scalars[i + 1] != "[" {
                i += 1
                var high = try take()
                if high == "\\" {
                    guard case .scalar(let s) = try classEscape() else { throw error("illegal character range") }
                    high = s
                }
                guard low.value <= high.value else { throw error("illegal character range") }
                set.ranges.append(low.value...high.value)
            } else {
                set.ranges.append(low.value...low.value)
            }
        }
        return set
    }
}

/// Emits the NFA program of a `RegexNode`, refusing programs past `CypherRegex.maxInstructions`.
struct RegexCompiler {
    var program: [CypherRegex.Instruction] = []

    private mutating func append(_ instruction: CypherRegex.Instruction) throws(CypherRuntimeError) {
        guard program.count < CypherRegex.maxInstructions else {
            throw CypherRuntimeError(
                .invalidArgumentValue,
                "invalid regular expression: it compiles to more than \(CypherRegex.maxInstructions) states")
        }
        program.append(instruction)
    }

    mutating func emit(_ node: RegexNode) throws(CypherRuntimeError) {
        switch node {
        case .empty: break
        case .consume(let m): try append(.consume(m))
        case .assert(let a): try append(.assert(a))
        case .concat(let items): for item in items { try emit(item) }
        case .alternation(let branches):
            var jumps: [Int] = []
            for (k, branch) in branches.enumerated() {
                if k == branches.count - 1 {
                    try emit(branch)
                } else {
                    let split = program.count
                    try append(.split(0, 0))
                    try emit(branch)
                    jumps.append(program.count)
                    try append(.jump(0))
                    program[split] = .split(split + 1, program.count)
                }
            }
            for j in jumps { program[j] = .jump(program.count) }
        case .repetition(let body, let min, let max):
            // A body that emits nothing (an empty group) matches the empty string however often it repeats.
            let before = program.count
            try emit(body)
            if program.count == before { return }
            program.removeLast(program.count - before)
            for _ in 0..<min { try emit(body) }
            if let max {
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(program.count)
                    try append(.split(0, 0))
                    try emit(body)
                }
                for s in splits { program[s] = .split(s + 1, program.count) }
            } else {
                let loop = program.count
                try append(.split(0, 0))
                try emit(body)
                try append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}
