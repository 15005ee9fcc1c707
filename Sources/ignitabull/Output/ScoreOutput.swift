import Persistence
import Recommend

#if canImport(Glibc)
    import Glibc
#endif

/// Where `ignitabull score` writes: a JSONL or CSV file (appended to, so a run can resume), or a
/// SQLite table through Persistence. `write` is called under the batch scorer's lock.
final class ScoreOutput: @unchecked Sendable {  // writes are serialised by BatchScorer
    let path: String
    let format: Ignitabull.Score.Format
    /// Customers already in the output when it was opened.
    private(set) var done = Set<String>()
    private var fd: Int32 = -1
    private var table: ScoreTableWriter?

    init(path: String, format: Ignitabull.Score.Format, table name: String, restart: Bool) throws {
        self.path = path
        self.format = format
        if format == .sqlite {
            do {
                let t = try ScoreTableWriter(path: path, table: name, replace: restart)
                done = try t.subjects()
                table = t
            } catch {
                throw CLIError(error.description)
            }
            return
        }
        var keep = 0
        if !restart, let text = Self.readFile(path) {
            (done, keep) = format == .jsonl ? Self.resumeJSONL(text) : Self.resumeCSV(text)
        }
        fd = open(path, O_WRONLY | O_CREAT, 0o644)
        guard fd >= 0 else { throw CLIError("cannot open \(path) for writing") }
        guard ftruncate(fd, off_t(keep)) == 0, lseek(fd, off_t(keep), SEEK_SET) >= 0 else {
            throw CLIError("cannot truncate \(path)")
        }
        if keep == 0 && format == .csv { try append("customer,rank,product,score,reason\n") }
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    func close() throws {
        if fd >= 0 {
            guard fsync(fd) == 0 else { throw CLIError("cannot flush \(path)") }
            Glibc.close(fd)
            fd = -1
        }
    }

    /// Writes one chunk of customers (each whole, in one system call for the files, one transaction for SQLite).
    /// The rows come resolved (`ScoredCustomer`), so a local run and a run through a server write the same bytes.
    func write(_ chunk: [ScoredCustomer]) throws {
        switch format {
        case .sqlite:
            var rows: [ScoreTableWriter.Row] = []
            for c in chunk {
                for (i, r) in c.items.enumerated() {
                    rows.append(.init(subject: c.customer, rank: i + 1, item: r.product, score: r.score, reason: r.reason))
                }
            }
            try table?.append(rows)
        case .jsonl:
            var text = ""
            for c in chunk {
                text += "{\"customer\":\(Self.json(c.customer)),\"coldStart\":\(c.coldStart),"
                if !c.knownCustomer { text += "\"knownCustomer\":false," }
                text += "\"items\":["
                for (i, r) in c.items.enumerated() {
                    if i > 0 { text += "," }
                    text += "{\"product\":\(Self.json(r.product)),\"score\":\(Float(r.score))"
                    if let reason = r.reason { text += ",\"reason\":\(Self.json(reason))" }
                    text += "}"
                }
                text += "]}\n"
            }
            try append(text)
        case .csv:
            var text = ""
            for c in chunk {
                for (i, r) in c.items.enumerated() {
                    text += "\(Self.csv(c.customer)),\(i + 1),\(Self.csv(r.product)),\(Float(r.score)),"
                    text += r.reason.map(Self.csv) ?? ""
                    text += "\n"
                }
            }
            try append(text)
        }
    }

    private func append(_ text: String) throws {
        var text = text
        try text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                guard n > 0 else { throw CLIError("cannot write \(path)") }
                offset += n
            }
        }
    }

    // MARK: - Resuming

    /// JSONL: every complete line is a finished customer; a torn last line is cut off.
    static func resumeJSONL(_ text: String) -> (Set<String>, Int) {
        var done = Set<String>()
        var keep = 0
        var offset = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            offset += line.count + 1
            guard let id = customer(ofJSONLine: Substring(line)) else { break }
            done.insert(id)
            keep = offset
        }
        return (done, keep)
    }

    /// CSV: the customers of complete lines, except the last one seen (its rows may be partial), which
    /// is cut off with everything after it and scored again.
    static func resumeCSV(_ text: String) -> (Set<String>, Int) {
        var done = Set<String>()
        var offset = 0
        var last: String? = nil
        var lastStart = 0
        var header = true
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            let start = offset
            offset += line.count + 1
            if header {
                header = false
                continue
            }
            let id = firstCSVField(Substring(line))
            if id != last {
                if let last { done.insert(last) }
                last = id
                lastStart = start
            }
        }
        if last == nil { return ([], 0) }
        return (done, lastStart)
    }

    private static func customer(ofJSONLine line: Substring) -> String? {
        let prefix = "{\"customer\":\""
        guard line.hasPrefix(prefix), line.hasSuffix("}") else { return nil }
        var out = ""
        var escaped = false
        for ch in line.dropFirst(prefix.count) {
            if escaped {
                out.append(ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "\"" {
                return out
            } else {
                out.append(ch)
            }
        }
        return nil
    }

    private static func firstCSVField(_ line: Substring) -> String {
        guard line.first == "\"" else { return String(line.prefix { $0 != "," }) }
        var out = ""
        var i = line.index(after: line.startIndex)
        while i < line.endIndex {
            let ch = line[i]
            let next = line.index(after: i)
            if ch == "\"" {
                if next < line.endIndex && line[next] == "\"" {
                    out.append("\"")
                    i = line.index(after: next)
                    continue
                }
                break
            }
            out.append(ch)
            i = next
        }
        return out
    }

    // MARK: - Encoding

    static func json(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func csv(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }

    /// The whole file as text, or nil when it cannot be read.
    static func readFile(_ path: String) -> String? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
