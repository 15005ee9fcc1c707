/// A streaming RFC 4180 CSV reader over a plain or gzip file.
///
/// It parses in place in a large buffer and hands each record to a callback without copying
/// fields, so a 45 MB file costs no per-field allocation. Quoted fields may contain delimiters,
/// doubled quotes and line breaks. Line and column numbers are 1-based and count bytes.
public final class CSVReader {
    public let path: String
    public let delimiter: UInt8
    private let source: CompressedFileReader
    private var buffer: UnsafeMutableBufferPointer<UInt8>
    private var start = 0
    private var end = 0
    private var eof = false
    private var line = 1
    /// Called now and then with (bytes read on disk, file size on disk).
    public var progress: ((Int, Int) -> Void)?

    public init(path: String, delimiter: Character = ",") throws(ImportError) {
        guard let d = delimiter.asciiValue else {
            throw ImportError(.invalidArgument, file: path, "the delimiter must be one ASCII character")
        }
        self.path = path
        self.delimiter = d
        self.source = try CompressedFileReader(path: path)
        self.buffer = .allocate(capacity: 1 << 20)
    }

    deinit { buffer.deallocate() }

    /// The file's size on disk.
    public var sizeOnDisk: Int { source.sizeOnDisk }

    /// Calls `body` with each record in order, including the header line.
    ///
    /// - Throws: `ImportError.malformedCSV` with the line and column of the problem, or what `body` throws.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        var starts: [Int] = []
        var ends: [Int] = []
        var escaped: [Bool] = []
        var columns: [Int] = []
        starts.reserveCapacity(64)
        ends.reserveCapacity(64)
        escaped.reserveCapacity(64)
        columns.reserveCapacity(64)
        try refill()
        var records = 0
        while true {
            if start >= end && eof { return }
            starts.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            escaped.removeAll(keepingCapacity: true)
            columns.removeAll(keepingCapacity: true)
            // Parse one record from `start`; on running out of data mid-record, read more and retry.
            let outcome = try parseRecord(&starts, &ends, &escaped, &columns)
            switch outcome {
            case .needMore:
                try refill()
                continue
            case .record(let next, let linesSpanned):
                let recordLine = line
                if starts.count == 1 && ends[0] == starts[0] && next - start <= 2 && buffer[start] != UInt8(ascii: "\"") {
                    // A blank line carries no record.
                    line += linesSpanned
                    start = next
                    continue
                }
                try starts.withUnsafeBufferPointer { s in
                    try ends.withUnsafeBufferPointer { e in
                        try escaped.withUnsafeBufferPointer { q in
                            try columns.withUnsafeBufferPointer { c in
                                let rec = CSVRecord(
                                    base: UnsafePointer(buffer.baseAddress!), starts: s, ends: e, escaped: q,
                                    columns: c, line: recordLine)
                                try body(rec)
                            }
                        }
                    }
                }
                line += linesSpanned
                start = next
                records += 1
                if records & 0x3FFF == 0, let progress { progress(source.positionOnDisk, source.sizeOnDisk) }
            }
        }
    }

    private enum Outcome {
        case needMore
        case record(next: Int, linesSpanned: Int)
    }

    private func parseRecord(
        _ starts: inout [Int], _ ends: inout [Int], _ escaped: inout [Bool], _ columns: inout [Int]
    ) throws(ImportError) -> Outcome {
        let b = buffer
        let quote = UInt8(ascii: "\"")
        let newline = UInt8(ascii: "\n")
        let cr = UInt8(ascii: "\r")
        var i = start
        var lines = 0
        var lineStart = start
        while true {
            // Start of a field.
            let column = i - lineStart + 1
            let fieldLine = line + lines
            if i < end && b[i] == quote {
                var j = i + 1
                var hadEscape = false
                while true {
                    guard j < end else {
                        if eof {
                            throw ImportError(
                                .malformedCSV, file: path, line: fieldLine, column: column,
                                "unterminated quoted field (the file ends inside quotes)")
                        }
                        return .needMore
                    }
                    let c = b[j]
                    if c == quote {
                        if j + 1 >= end && !eof { return .needMore }
                        if j + 1 < end && b[j + 1] == quote {
                            hadEscape = true
                            j += 2
                            continue
                        }
                        break
                    }
                    if c == newline {
                        lines += 1
                        lineStart = j + 1
                    }
                    j += 1
                }
                starts.append(i + 1)
                ends.append(j)
                escaped.append(hadEscape)
                columns.append(column)
                i = j + 1
                // After a closing quote: a delimiter, a line end, or the end of the file.
                if i < end && b[i] == delimiter {
                    i += 1
                    continue
                }
                if i < end && b[i] == cr && i + 1 < end && b[i + 1] == newline { i += 1 }
                if i < end && b[i] == newline { return .record(next: i + 1, linesSpanned: lines + 1) }
                if i >= end {
                    if eof { return .record(next: end, linesSpanned: lines + 1) }
                    return .needMore
                }
                throw ImportError(
                    .malformedCSV, file: path, line: line + lines, column: i - lineStart + 1,
                    "unexpected character after a closing quote (expected a delimiter or a line end)")
            } else {
                var j = i
                while j < end {
                    let c = b[j]
                    if c == delimiter || c == newline { break }
                    if c == quote {
                        throw ImportError(
                            .malformedCSV, file: path, line: line + lines, column: j - lineStart + 1,
                            "a quote inside an unquoted field (quote the whole field and double the quote)")
                    }
                    j += 1
                }
                if j >= end && !eof { return .needMore }
                var fieldEnd = j
                if fieldEnd > i && b[fieldEnd - 1] == cr && (j >= end || b[j] == newline) { fieldEnd -= 1 }
                starts.append(i)
                ends.append(fieldEnd)
                escaped.append(false)
                columns.append(column)
                if j < end && b[j] == delimiter {
                    i = j + 1
                    continue
                }
                return .record(next: min(j + 1, end), linesSpanned: lines + 1)
            }
        }
    }

    /// Moves the unparsed tail to the front of the buffer (growing it if one record fills it)
    /// and reads more.
    private func refill() throws(ImportError) {
        guard !eof else { return }
        let pending = end - start
        if start > 0 {
            if pending > 0 { buffer.baseAddress!.update(from: buffer.baseAddress! + start, count: pending) }
            start = 0
            end = pending
        }
        if end == buffer.count {
            let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
            bigger.baseAddress!.update(from: buffer.baseAddress!, count: end)
            buffer.deallocate()
            buffer = bigger
        }
        let n = try source.read(into: buffer.baseAddress! + end, count: buffer.count - end)
        if n == 0 { eof = true }
        end += n
    }
}
