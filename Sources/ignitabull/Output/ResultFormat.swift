import ArgumentParser
import CypherRuntime
import GraphStore
import QueryServer

/// How `query` prints a result: an aligned table for people, or CSV, TSV, one JSON document or
/// JSON lines for scripts. Only the rows go to standard output; the plan and the summary go to
/// standard error, so `ignitabull query ... --format csv > out.csv` writes a clean file.
enum ResultFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, tsv, json, jsonl

    /// The result's rows in this format, one string per output line.
    func lines(_ result: QueryResult) -> [String] {
        let s = result.snapshot
        switch self {
        case .table: return Self.table(result.columns, result.rows.map { $0.map { Self.text($0, s) } })
        case .tsv:
            return [result.columns.map(Self.tsvField).joined(separator: "\t")]
                + result.rows.map { $0.map { Self.tsvField(Self.text($0, s)) }.joined(separator: "\t") }
        case .csv:
            return [result.columns.map(Self.csvField).joined(separator: ",")]
                + result.rows.map { row in row.map { $0 == .null ? "" : Self.csvField(Self.text($0, s)) }.joined(separator: ",") }
        case .jsonl: return result.rows.map { Self.object(result.columns, $0, s).text }
        case .json: return [JSON.array(result.rows.map { Self.object(result.columns, $0, s) }).text]
        }
    }

    /// Rows that came from a server (Neo4j's `row` format), in this format.
    func lines(columns: [String], rows: [[JSON]]) -> [String] {
        func text(_ v: JSON) -> String { v.stringValue ?? v.text }
        switch self {
        case .table: return Self.table(columns, rows.map { $0.map(text) })
        case .tsv: return [columns.map(Self.tsvField).joined(separator: "\t")] + rows.map { $0.map { Self.tsvField(text($0)) }.joined(separator: "\t") }
        case .csv:
            return [columns.map(Self.csvField).joined(separator: ",")]
                + rows.map { row in row.map { $0 == .null ? "" : Self.csvField(text($0)) }.joined(separator: ",") }
        case .jsonl: return rows.map { JSON.object(Array(zip(columns, $0))).text }
        case .json: return [JSON.array(rows.map { JSON.object(Array(zip(columns, $0))) }).text]
        }
    }

    /// Backslash escapes for tab, line breaks and the backslash; by scalar, since "\r\n" is one Character.
    static func tsvField(_ f: String) -> String {
        f.unicodeScalars.reduce(into: "") { out, c in
            switch c {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
    }

    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
    static func csvField(_ f: String) -> String {
        guard f.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return f }
        return "\"" + f.reduce(into: "") { out, c in out += c == "\"" ? "\"\"" : String(c) } + "\""
    }

    static func object(_ columns: [String], _ row: [Value], _ s: GraphSnapshot) -> JSON {
        .object(zip(columns, row).map { ($0, QueryServer.json(of: $1, in: s)) })
    }

    /// Columns padded to their widest cell, between `|` rules, as cypher-shell prints them.
    static func table(_ columns: [String], _ rows: [[String]]) -> [String] {
        guard !columns.isEmpty else { return [] }
        var widths = columns.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+"
        func line(_ cells: [String]) -> String {
            "| " + zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: " | ") + " |"
        }
        return [rule, line(columns), rule] + rows.map(line) + [rule]
    }

    /// A value as text: strings bare, lists and maps in Cypher's literal style, entities in brief.
    static func text(_ v: Value, _ s: GraphSnapshot) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return String(d)
        case .string(let t): return t
        case .list(let l): return "[" + l.map { text($0, s) }.joined(separator: ", ") + "]"
        case .map(let m):
            return "{" + m.sorted { $0.key < $1.key }.map { "\($0.key): \(text($0.value, s))" }.joined(separator: ", ") + "}"
        case .node(let n):
            guard s.contains(n) else { return "(deleted node)" }
            let labels = s.labelNames(of: n).map { ":" + $0 }.joined()
            return "(\(labels) \(PropertyValue.map(s.propertyDictionary(of: n))))"
        case .relationship(let r): return s.contains(r) ? "[:\(s.typeName(of: r))]" : "[deleted relationship]"
        case .path(let nodes, _): return "<path of \(nodes.count) nodes>"
        case .temporal(let t): return t.text
        }
    }
}
