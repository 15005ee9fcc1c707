#if canImport(Glibc)
import Glibc
#endif

/// One CSV record, borrowed from the reader's buffer: valid only inside the callback that receives it.
///
/// Fields are addressed by index. Quoted fields have their quotes removed and `""` turned into `"`.
public struct CSVRecord {
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let starts: UnsafeBufferPointer<Int>
    @usableFromInline let ends: UnsafeBufferPointer<Int>
    @usableFromInline let escaped: UnsafeBufferPointer<Bool>
    @usableFromInline let columns: UnsafeBufferPointer<Int>
    /// 1-based line on which the record starts.
    public let line: Int

    init(
        base: UnsafePointer<UInt8>, starts: UnsafeBufferPointer<Int>, ends: UnsafeBufferPointer<Int>,
        escaped: UnsafeBufferPointer<Bool>, columns: UnsafeBufferPointer<Int>, line: Int
    ) {
        self.base = base
        self.starts = starts
        self.ends = ends
        self.escaped = escaped
        self.columns = columns
        self.line = line
    }

    /// The number of fields.
    @inlinable public var count: Int { starts.count }

    /// The 1-based byte column where field `i` starts (its opening quote, when quoted).
    @inlinable public func column(_ i: Int) -> Int { columns[i] }

    /// Whether field `i` is empty (an empty field means a missing value).
    @inlinable public func isEmpty(_ i: Int) -> Bool { ends[i] == starts[i] }

    /// The raw bytes of field `i` (for an escaped field, with doubled quotes still doubled).
    @inlinable
    public func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + starts[i], count: ends[i] - starts[i])
    }

    /// Field `i` as a string.
    public func string(_ i: Int) -> String {
        let b = bytes(i)
        guard escaped[i] else { return String(decoding: b, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var j = 0
        while j < b.count {
            out.append(b[j])
            if b[j] == UInt8(ascii: "\"") && j + 1 < b.count && b[j + 1] == UInt8(ascii: "\"") { j += 1 }
            j += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether field `i` is well-formed UTF-8 (`string(_:)` replaces bad bytes with U+FFFD, so a
    /// name must be checked with this first).
    public func isValidUTF8(_ i: Int) -> Bool { String(validating: bytes(i), as: UTF8.self) != nil }

    /// Whether field `i` equals `text` byte for byte.
    public func equals(_ i: Int, _ text: StaticString) -> Bool {
        let b = bytes(i)
        guard b.count == text.utf8CodeUnitCount else { return false }
        return memcmp(b.baseAddress!, text.utf8Start, b.count) == 0
    }

    /// Field `i` as a decimal integer, or nil when it is not one (surrounding spaces are not allowed).
    public func int(_ i: Int) -> Int64? { Self.parseInt(bytes(i)) }

    /// Field `i` as a floating-point number, or nil when it is not one.
    public func double(_ i: Int) -> Double? { Self.parseDouble(bytes(i)) }

    static func parseInt(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var (j, negative) = sign(b)
        guard j < b.count else { return nil }
        var v: Int64 = 0
        while j < b.count {
            let d = Int64(b[j]) &- 48
            guard d >= 0 && d <= 9 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            v = s
            j += 1
        }
        return v
    }

    /// Skips a leading sign. - Returns: the index after it, and whether it was a minus.
    private static func sign(_ b: UnsafeBufferPointer<UInt8>) -> (Int, Bool) {
        guard let first = b.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") else { return (0, false) }
        return (1, first == UInt8(ascii: "-"))
    }

    private static let powersOfTen: [Double] = (0...22).map { e in
        var p = 1.0
        for _ in 0..<e { p *= 10 }
        return p
    }

    /// Fast path for plain decimals (exact: an integer below 2^53 divided by an exact power of ten
    /// rounds correctly); anything else goes to `strtod`.
    static func parseDouble(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !b.isEmpty else { return nil }
        var (j, negative) = sign(b)
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var seenDot = false
        var simple = true
        while j < b.count {
            let c = b[j]
            if c >= 48 && c <= 57 {
                mantissa = mantissa &* 10 &+ UInt64(c - 48)
                digits += 1
                if seenDot { fraction += 1 }
            } else if c == UInt8(ascii: ".") && !seenDot {
                seenDot = true
            } else {
                simple = false
                break
            }
            j += 1
        }
        if simple && digits > 0 && digits <= 15 && fraction <= 22 {
            let v = Double(mantissa) / powersOfTen[fraction]
            return negative ? -v : v
        }
        // General syntax (exponents, long mantissas, inf/nan): defer to the C library.
        var text = [CChar](repeating: 0, count: b.count + 1)
        for k in 0..<b.count { text[k] = CChar(bitPattern: b[k]) }
        return text.withUnsafeBufferPointer { p -> Double? in
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(p.baseAddress!, &end)
            guard let end, end == UnsafeMutablePointer(mutating: p.baseAddress! + b.count) else { return nil }
            return v
        }
    }
}
