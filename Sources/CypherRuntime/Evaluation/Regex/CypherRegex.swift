/// A regular expression for `=~`, in the Java syntax Neo4j users write, matched in linear time.
///
/// The pattern is compiled to a Thompson NFA and run as a Pike VM: the matcher keeps the set of NFA states
/// alive at each input position, so it does `O(pattern × text)` steps whatever the pattern; `(a+)+$` on a
/// string of `a`s ending in `!` takes microseconds instead of exponential backtracking. `=~` asks whether the
/// whole string matches (Java's `matches()`), which depends only on the language of the pattern, so greedy
/// and lazy quantifiers behave alike and no captures are needed.
///
/// Supported: literals, `.`, classes `[a-z]`, `[^...]`, nested classes as unions, `\d \D \w \W \s \S \h \v`,
/// `\p{…}` / `\P{…}` (POSIX names such as `Alpha`, `Lower`, `Punct`; Unicode categories such as `L`, `Lu`,
/// `Nd`; `IsAlphabetic`, `IsLetter`, `IsDigit`, …), escapes (`\t \n \r \f \a \e \0oo \xhh \x{h…} \uhhhh
/// \cX`), `\Q…\E`, groups `(…)`, `(?:…)`, `(?<name>…)`, alternation, `* + ? {n} {n,} {n,m}` with lazy (`?`)
/// forms, anchors `^ $ \A \z \Z \b \B`, and the flags `(?i) (?s) (?m) (?x) (?u) (?d)` (also scoped,
/// `(?i:…)`, and turned off with `-`). Backreferences, lookaround, atomic groups and possessive quantifiers
/// need backtracking; they are refused with `InvalidArgumentValue` rather than run without a bound.
struct CypherRegex {
    /// The NFA program.
    let program: [Instruction]

    /// The largest program accepted (counted repetition expands: `a{1000}` is 1,000 instructions).
    static let maxInstructions = 50_000

    enum Instruction {
        /// Consume one scalar that satisfies the matcher.
        case consume(ScalarMatcher)
        /// Continue at both targets.
        case split(Int, Int)
        case jump(Int)
        /// Continue only if the assertion holds at the current position.
        case assert(Assertion)
        case match
    }

    enum Assertion: Equatable {
        case textStart, textEnd, textEndOrFinalTerminator
        case lineStart, lineEnd
        case wordBoundary, notWordBoundary
    }

    /// Compiles `pattern`.
    /// - Throws: `InvalidArgumentValue` for a malformed pattern or a construct that needs backtracking.
    init(_ pattern: String) throws(CypherRuntimeError) {
        var parser = RegexParser(pattern)
        let node = try parser.parse()
        var compiler = RegexCompiler()
        try compiler.emit(node)
        compiler.program.append(.match)
        program = compiler.program
    }

    /// Whether all of `text` matches. `checkpoint` is called every 256 characters (the query's time
    /// limit and cancellation).
    func wholeMatch(
        _ text: String, checkpoint: () throws(CypherRuntimeError) -> Void
    ) throws(CypherRuntimeError) -> Bool {
        let input = Array(text.unicodeScalars)
        var current: [Int] = []
        var next: [Int] = []
        current.reserveCapacity(program.count)
        next.reserveCapacity(program.count)
        // The generation in which each instruction was last added, so each enters a list once per step.
        var mark = [Int](repeating: -1, count: program.count)
        var stack: [Int] = []
        var generation = 0

        func add(_ list: inout [Int], _ start: Int, at position: Int) {
            stack.append(start)
            while let pc = stack.popLast() {
                if mark[pc] == generation { continue }
                mark[pc] = generation
                switch program[pc] {
                case .jump(let target): stack.append(target)
                case .split(let a, let b):
                    stack.append(b)
                    stack.append(a)
                case .assert(let assertion):
                    if holds(assertion, at: position, in: input) { stack.append(pc + 1) }
                case .consume, .match: list.append(pc)
                }
            }
        }

        add(&current, 0, at: 0)
        var position = 0
        while true {
            if current.isEmpty { return false }
            if position == input.count {
                return current.contains { if case .match = program[$0] { true } else { false } }
            }
            if position & 255 == 255 { try checkpoint() }
            let scalar = input[position]
            generation += 1
            next.removeAll(keepingCapacity: true)
            for pc in current {
                if case .consume(let matcher) = program[pc], matcher.matches(scalar) {
                    add(&next, pc + 1, at: position + 1)
                }
            }
            swap(&current, &next)
            position += 1
        }
    }

    private func holds(_ a: Assertion, at i: Int, in input: [Unicode.Scalar]) -> Bool {
        switch a {
        case .textStart: return i == 0
        case .textEnd: return i == input.count
        case .textEndOrFinalTerminator:
            return i == input.count || (i == input.count - 1 && Self.isLineTerminator(input[i]))
                || (i == input.count - 2 && input[i] == "\r" && input[i + 1] == "\n")
        case .lineStart:
            if i == 0 { return true }
            if i == input.count { return false }
            let previous = input[i - 1]
            if previous == "\r" && input[i] == "\n" { return false }
            return Self.isLineTerminator(previous)
        case .lineEnd:
            if i == input.count { return true }
            if input[i] == "\n", i > 0, input[i - 1] == "\r" { return false }
            return Self.isLineTerminator(input[i])
        case .wordBoundary, .notWordBoundary:
            let before = i > 0 && ScalarMatcher.isWord(input[i - 1])
            let after = i < input.count && ScalarMatcher.isWord(input[i])
            return (before != after) == (a == .wordBoundary)
        }
    }

    /// Java's line terminators: `\n`, `\r`, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR.
    static func isLineTerminator(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
