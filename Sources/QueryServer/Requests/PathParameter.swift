import Hummingbird

/// Path parameters as the client meant them: the router hands them over still percent-encoded
/// (`BANK%20CHARGES`), so ids with spaces or reserved characters are decoded here.
enum PathParameter {
    /// The decoded value of the path parameter `name`.
    /// - Throws: 400 `BadRequest` for a missing parameter or a malformed escape (`%` not followed by
    ///   two hex digits, or bytes that are not UTF-8).
    static func require(_ name: String, in context: ServerRequestContext) throws(APIError) -> String {
        guard let raw = context.parameters.get(name) else {
            throw APIError.badRequest("the path has no `\(name)`")
        }
        guard let value = decode(raw) else {
            throw APIError.badRequest("`\(raw)` is not a valid percent-encoded path segment")
        }
        return value
    }

    /// `text` with `%XX` escapes replaced by their bytes; nil when an escape is malformed or the
    /// result is not UTF-8. (`+` stays `+`: it means a space only in query strings.)
    static func decode(_ text: some StringProtocol) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var it = text.utf8.makeIterator()
        while let b = it.next() {
            guard b == UInt8(ascii: "%") else {
                bytes.append(b)
                continue
            }
            guard let h = it.next().flatMap(hexValue), let l = it.next().flatMap(hexValue) else { return nil }
            bytes.append(h << 4 | l)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
