#if canImport(Glibc)
    import Glibc
#endif

extension Interactions {
    /// Reads a MovieLens `u.data` file (`user item rating unix_ts`, tab-separated) and keeps the
    /// ratings of at least `minRating` as events.
    ///
    /// Users and items get dense ids in the order of their raw ids, so the raw order is kept
    /// (leave-last-one-out breaks time ties by the larger item id). The catalogue holds every item
    /// of the file, rated highly or not.
    /// - Throws: `RecommendError.io` when the file cannot be read, `.malformedInput` naming the
    ///   line of a bad row, `.emptyData` when the file has no rows.
    /// - Complexity: O(rows · log rows).
    public static func movieLens(path: String, minRating: Int = 4) throws(RecommendError) -> Interactions {
        let bytes = try readFile(path)
        var rows: [(user: Int, item: Int, rating: Int, time: Int64)] = []
        var line = 1
        var fields: [Int64] = []
        var value: Int64 = 0
        var digits = 0
        func fail(_ why: String) -> RecommendError { RecommendError(.malformedInput, "\(path):\(line): \(why)") }
        for b in bytes {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 18 else { throw fail("number too long") }
                value = value * 10 + Int64(b - UInt8(ascii: "0"))
                digits += 1
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if b == UInt8(ascii: "\r") { continue }
                if digits == 0 && b == UInt8(ascii: "\n") && fields.isEmpty {
                    line += 1
                    continue  // empty line
                }
                guard digits > 0 else { throw fail("empty field \(fields.count + 1)") }
                fields.append(value)
                value = 0
                digits = 0
                if b == UInt8(ascii: "\n") {
                    guard fields.count == 4 else { throw fail("expected 4 fields, found \(fields.count)") }
                    guard fields[0] <= Int64(UInt32.max), fields[1] <= Int64(UInt32.max) else {
                        throw fail("id too large")
                    }
                    rows.append((Int(fields[0]), Int(fields[1]), Int(fields[2]), fields[3]))
                    fields.removeAll(keepingCapacity: true)
                    line += 1
                }
            default:
                throw fail("unexpected byte \(b)")
            }
        }
        if digits > 0 || !fields.isEmpty {
            fields.append(value)
            guard fields.count == 4, digits > 0 else { throw fail("expected 4 fields, found \(fields.count)") }
            rows.append((Int(fields[0]), Int(fields[1]), Int(fields[2]), fields[3]))
        }
        guard !rows.isEmpty else { throw RecommendError(.emptyData, "\(path) has no ratings") }
        let userIDs = Array(Set(rows.map(\.user))).sorted()
        let itemIDs = Array(Set(rows.map(\.item))).sorted()
        var userIndex: [Int: UInt32] = [:]
        var itemIndex: [Int: UInt32] = [:]
        for (i, u) in userIDs.enumerated() { userIndex[u] = UInt32(i) }
        for (i, v) in itemIDs.enumerated() { itemIndex[v] = UInt32(i) }
        let events = rows.filter { $0.rating >= minRating }.map {
            Event(user: userIndex[$0.user]!, item: itemIndex[$0.item]!, time: $0.time)
        }
        return try Interactions(users: userIDs.count, items: itemIDs.count, events: events)
    }

    private static func readFile(_ path: String) throws(RecommendError) -> [UInt8] {
        guard let f = fopen(path, "rb") else { throw RecommendError(.io, "cannot open \(path)") }
        defer { fclose(f) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n > 0 { out.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count {
                if ferror(f) != 0 { throw RecommendError(.io, "cannot read \(path)") }
                break
            }
        }
        return out
    }
}
