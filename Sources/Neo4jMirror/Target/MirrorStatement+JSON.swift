import GraphStore

/// The JSON body of Neo4j's `POST /db/{db}/tx/commit`: `{"statements": [{"statement": …,
/// "parameters": {"rows": […]}}]}`. Integers are written as integers and floats always with a
/// fraction or exponent, so the target reads back the same types.
enum MirrorJSON {
    static func body(_ statements: [MirrorStatement]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        out += Array(#"{"statements":["#.utf8)
        for (i, s) in statements.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += Array(#"{"statement":"#.utf8)
            string(s.text, into: &out)
            if !s.rows.isEmpty || !s.parameters.isEmpty {
                out += Array(#","parameters":{"#.utf8)
                var first = true
                if !s.rows.isEmpty {
                    out += Array(#""rows":["#.utf8)
                    for (j, row) in s.rows.enumerated() {
                        if j > 0 { out.append(UInt8(ascii: ",")) }
                        value(.map(row), into: &out)
                    }
                    out.append(UInt8(ascii: "]"))
                    first = false
                }
                for k in s.parameters.keys.sorted() {
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    string(k, into: &out)
                    out.append(UInt8(ascii: ":"))
                    value(s.parameters[k]!, into: &out)
                }
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "}"))
        }
        out += Array("]}".utf8)
        return out
    }

    static func value(_ v: PropertyValue, into out: inout [UInt8]) {
        switch v {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .int(let i): out += Array(String(i).utf8)
        case .double(let d): out += Array(double(d).utf8)
        case .string(let s): string(s, into: &out)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                value(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .vector(let f):
            value(.list(f.map { .double(Double($0)) }), into: &out)
        case .map(let m):
            out.append(UInt8(ascii: "{"))
            for (i, k) in m.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                string(k, into: &out)
                out.append(UInt8(ascii: ":"))
                value(m[k]!, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The shortest text that reads back as `d`, always marked as a float (`2.0`, `1e+300`).
    static func double(_ d: Double) -> String {
        let text = "\(d)"
        return text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? text : text + ".0"
    }

    static func string(_ s: String, into out: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: out += Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 15)]]
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
