/// Judges a response of the transaction API: an HTTP error status, or `"errors": [{"code": …,
/// "message": …}]` in a 200 answer, becomes a `MirrorError`.
///
/// Transient (retried): 408, 429, 5xx, and Neo4j codes `Neo.TransientError.*` and
/// `Neo.DatabaseError.*`. Permanent (the mirror stops): 401/403 (credentials), 404 (no such
/// database or not an HTTP API), other 4xx, and `Neo.ClientError.*` (a syntax error, a constraint
/// violation on the target, a forbidden operation). Neo4j classifies its status codes the same way
/// ("Status codes", Neo4j Operations Manual: ClientError, TransientError, DatabaseError).
enum Neo4jResponse {
    static func check(status: Int, body: [UInt8], endpoint: String) throws(MirrorError) {
        let error = firstError(body)
        if status == 200 || status == 201 {
            guard let error else { return }
            throw MirrorError(
                .neo4j, "\(endpoint): \(error.code): \(error.message)", transient: isTransient(code: error.code), status: error.code)
        }
        let detail = error.map { "\($0.code): \($0.message)" } ?? String(decoding: body.prefix(200), as: UTF8.self)
        let transient = status == 408 || status == 429 || status >= 500 || error.map { isTransient(code: $0.code) } == true
        var message = "\(endpoint): HTTP \(status)"
        if status == 401 || status == 403 { message += " (check the user and password)" }
        if status == 404 { message += " (no such database, or the URL is not a Neo4j HTTP endpoint)" }
        if !detail.isEmpty { message += ": " + detail }
        throw MirrorError(.http, message, transient: transient, status: error?.code)
    }

    static func isTransient(code: String) -> Bool {
        code.hasPrefix("Neo.TransientError.") || code.hasPrefix("Neo.DatabaseError.")
    }

    /// The first entry of the top-level `errors` array, if any.
    static func firstError(_ body: [UInt8]) -> (code: String, message: String)? {
        let text = Array(body)
        guard let at = lastIndex(of: Array(#""errors":"#.utf8), in: text) else { return nil }
        var i = at
        func skipSpace() { while i < text.count, text[i] == 32 || text[i] == 10 || text[i] == 13 || text[i] == 9 { i += 1 } }
        skipSpace()
        guard i < text.count, text[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        skipSpace()
        guard i < text.count, text[i] == UInt8(ascii: "{") else { return nil }
        var code: String?
        var message: String?
        // Read the first object's `"key": "string"` pairs.
        while i < text.count, text[i] != UInt8(ascii: "}") {
            guard text[i] == UInt8(ascii: "\""), let (key, next) = readString(text, i) else {
                i += 1
                continue
            }
            i = next
            skipSpace()
            if i < text.count, text[i] == UInt8(ascii: ":") { i += 1 }
            skipSpace()
            if i < text.count, text[i] == UInt8(ascii: "\""), let (value, after) = readString(text, i) {
                if key == "code" { code = value }
                if key == "message" { message = value }
                i = after
            }
        }
        guard let code else { return nil }
        return (code, message ?? "")
    }

    private static func lastIndex(of needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        var i = hay.count - needle.count
        while i >= 0 {
            if hay[i..<i + needle.count].elementsEqual(needle) { return i + needle.count }
            i -= 1
        }
        return nil
    }

    /// Reads the JSON string starting at the quote at `start`; returns it and the index after it.
    private static func readString(_ t: [UInt8], _ start: Int) -> (String, Int)? {
        var out: [UInt8] = []
        var i = start + 1
        while i < t.count {
            let c = t[i]
            if c == UInt8(ascii: "\"") { return (String(decoding: out, as: UTF8.self), i + 1) }
            if c == UInt8(ascii: "\\"), i + 1 < t.count {
                i += 1
                switch t[i] {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "u"):
                    if i + 4 < t.count, let v = UInt32(String(decoding: t[i + 1...i + 4], as: UTF8.self), radix: 16),
                        let s = Unicode.Scalar(v)
                    {
                        out += Array(String(Character(s)).utf8)
                        i += 4
                    }
                default: out.append(t[i])
                }
            } else {
                out.append(c)
            }
            i += 1
        }
        return nil
    }
}
