#if canImport(Glibc)
import Glibc
#endif

/// A seeded mutation fuzzer for parsers: it mutates inputs from a seed corpus (bit flips, byte and token
/// insertions, deletions, duplications, splices between corpus entries) and hands each to a check that
/// must return normally (a clean error counts as normal). A crash ends the test process; an input whose
/// check takes longer than `hangLimit` is recorded as a finding. Inputs that reach a new outcome (the first
/// words of an error message, or success) join the corpus, so the run spreads over the parser's paths.
///
/// Runs are reproducible: the same seed, corpus and number of executions give the same inputs.
/// `IGNITABULL_FUZZ_SECONDS` turns the short run of the normal suite into a timed one;
/// `IGNITABULL_FUZZ_SEED` picks another seed.
public struct Fuzzer {
    public struct Report: CustomStringConvertible, Sendable {
        public var name: String
        public var seed: UInt64
        public var executions = 0
        public var accepted = 0
        public var rejected = 0
        public var outcomes = 0
        public var corpusSize = 0
        public var slowest: Duration = .zero
        public var findings: [String] = []
        public var elapsed: Duration = .zero

        public var description: String {
            "fuzz \(name): seed \(seed), \(executions) executions in \(elapsed), \(accepted) accepted, "
                + "\(rejected) rejected with an error, \(outcomes) distinct outcomes, corpus \(corpusSize), "
                + "slowest input \(slowest), findings \(findings.count)"
                + (findings.isEmpty ? "" : ":\n  " + findings.prefix(20).joined(separator: "\n  "))
        }
    }

    /// The outcome of checking one input.
    public enum Outcome {
        case accepted
        /// Rejected with an error; the string names its kind (new kinds grow the corpus).
        case rejected(String)
        /// A broken contract (an error without a position, a round trip that differs).
        case finding(String)
    }

    public var name: String
    public var seed: UInt64
    public var corpus: [[UInt8]]
    /// Fragments inserted whole (keywords, operators, delimiters).
    public var dictionary: [[UInt8]]
    public var maxLength = 4096
    public var hangLimit: Duration = .seconds(2)

    public init(name: String, seed: UInt64? = nil, corpus: [String], dictionary: [String]) {
        self.name = name
        self.seed = seed ?? Fuzzer.environmentSeed ?? 0x1234_5678_9ABC_DEF0
        self.corpus = corpus.map { Array($0.utf8) }
        self.dictionary = dictionary.map { Array($0.utf8) }
    }

    /// A fuzzer for binary formats: corpus and dictionary as bytes.
    public init(name: String, seed: UInt64? = nil, bytes corpus: [[UInt8]], dictionary: [[UInt8]]) {
        self.name = name
        self.seed = seed ?? Fuzzer.environmentSeed ?? 0x1234_5678_9ABC_DEF0
        self.corpus = corpus
        self.dictionary = dictionary
    }

    /// Seconds from `IGNITABULL_FUZZ_SECONDS`, or nil.
    public static var environmentSeconds: Double? {
        getenv("IGNITABULL_FUZZ_SECONDS").flatMap { Double(String(cString: $0)) }
    }

    public static var environmentSeed: UInt64? {
        getenv("IGNITABULL_FUZZ_SEED").flatMap { UInt64(String(cString: $0)) }
    }

    /// Runs `executions` inputs, or for `IGNITABULL_FUZZ_SECONDS` when that is set.
    public mutating func run(executions: Int, _ check: ([UInt8]) -> Outcome) -> Report {
        var rng = SplitMix64(seed: seed)
        var report = Report(name: name, seed: seed)
        var seen = Set<String>()
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = Fuzzer.environmentSeconds.map { start + .milliseconds(Int($0 * 1000)) }
        var i = 0
        while deadline.map({ clock.now < $0 }) ?? (i < executions) {
            let input = i < corpus.count ? corpus[i] : mutate(&rng)
            i += 1
            let t0 = clock.now
            let outcome = check(input)
            let took = clock.now - t0
            report.executions += 1
            report.slowest = max(report.slowest, took)
            if took > hangLimit, report.findings.count < 100 {
                report.findings.append("slow (\(took)): \(Self.show(input))")
            }
            let key: String
            switch outcome {
            case .accepted:
                report.accepted += 1
                key = "ok"
            case .rejected(let kind):
                report.rejected += 1
                key = kind
            case .finding(let what):
                if report.findings.count < 100 { report.findings.append("\(what): \(Self.show(input))") }
                key = "finding"
            }
            if seen.insert(key).inserted, i > corpus.count, corpus.count < 5000 { corpus.append(input) }
        }
        report.outcomes = seen.count
        report.corpusSize = corpus.count
        report.elapsed = clock.now - start
        return report
    }

    /// One mutant of a corpus entry: one to four mutations stacked.
    mutating func mutate(_ rng: inout SplitMix64) -> [UInt8] {
        var b = corpus[Int(rng.next() % UInt64(corpus.count))]
        for _ in 0..<(1 + Int(rng.next() % 4)) {
            switch rng.next() % 9 {
            case 0 where !b.isEmpty:  // flip a bit
                let k = Int(rng.next() % UInt64(b.count))
                b[k] ^= UInt8(1 << (rng.next() % 8))
            case 1 where !b.isEmpty:  // replace a byte with an interesting one
                let interesting: [UInt8] = [0, 0x7F, 0x80, 0xFF, 0x22, 0x27, 0x5C, 0x0A, 0x0D, 0x2C, 0x60, 0xC3, 0xE2]
                b[Int(rng.next() % UInt64(b.count))] = interesting[Int(rng.next() % UInt64(interesting.count))]
            case 2 where !b.isEmpty:  // delete a range
                let k = Int(rng.next() % UInt64(b.count))
                let n = min(b.count - k, 1 + Int(rng.next() % 8))
                b.removeSubrange(k..<(k + n))
            case 3, 4:  // insert a dictionary word
                if dictionary.isEmpty { fallthrough }
                let w = dictionary[Int(rng.next() % UInt64(dictionary.count))]
                b.insert(contentsOf: w, at: Int(rng.next() % UInt64(b.count + 1)))
            case 5 where !b.isEmpty:  // duplicate a range (nesting, repetition)
                let k = Int(rng.next() % UInt64(b.count))
                let n = min(b.count - k, 1 + Int(rng.next() % 32))
                let chunk = Array(b[k..<(k + n)])
                for _ in 0..<(1 + Int(rng.next() % 8)) { b.insert(contentsOf: chunk, at: k) }
            case 6:  // splice with another corpus entry
                let other = corpus[Int(rng.next() % UInt64(corpus.count))]
                let cut = b.isEmpty ? 0 : Int(rng.next() % UInt64(b.count))
                let from = other.isEmpty ? 0 : Int(rng.next() % UInt64(other.count))
                b = Array(b[..<cut]) + Array(other[from...])
            case 7 where !b.isEmpty:  // truncate
                b.removeLast(Int(rng.next() % UInt64(b.count)))
            default:  // insert a random byte
                b.insert(UInt8(truncatingIfNeeded: rng.next()), at: Int(rng.next() % UInt64(b.count + 1)))
            }
        }
        if b.count > maxLength { b.removeLast(b.count - maxLength) }
        return b
    }

    /// Writes `bytes` to `path` as they are (invalid UTF-8 included).
    public static func write(_ bytes: [UInt8], to path: String) {
        guard let f = fopen(path, "wb") else { return }
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
    }

    /// The input as printable text for a report.
    public static func show(_ input: [UInt8]) -> String {
        let text = String(decoding: input.prefix(300), as: UTF8.self)
        var out = ""
        for s in text.unicodeScalars {
            if s.value < 0x20 || s.value == 0x7F { out += "\\u{\(String(s.value, radix: 16))}" } else { out.unicodeScalars.append(s) }
        }
        return "\"" + out + (input.count > 300 ? "…(\(input.count) bytes)" : "") + "\""
    }

    /// The first words of an error message: the outcome's kind, without the parts that name input text.
    public static func kind(_ message: String) -> String {
        String(message.split(separator: " ").prefix(3).joined(separator: " ").prefix(40))
    }
}

/// A small, fast, seedable generator (SplitMix64).
public struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
