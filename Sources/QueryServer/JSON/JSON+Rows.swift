import CypherRuntime

extension JSON {
    /// A result's rows as one JSON array, serialized a row at a time so that no document for all of
    /// them is ever built, and refused once the text passes `limit` bytes.
    ///
    /// Rows are counted against the query's memory while it runs, but their JSON can be far larger
    /// (a node carries all its properties, an embedding thousands of bytes), and it used to be built
    /// whole, outside every limit: half a million rows of products grew the server by gigabytes.
    /// - Throws: `MemoryPoolOutOfMemoryError` (as for the query's own memory limit), saying how to
    ///   narrow the query.
    static func rows<Row>(
        _ rows: [Row], limit: Int, wrote: Bool = false, _ render: (Row) -> JSON
    ) throws(CypherRuntimeError) -> JSON {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (n, row) in rows.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            render(row).write(into: &out)
            if out.count > limit {
                throw CypherRuntimeError(
                    .memoryLimit,
                    "the result is larger than the response limit of \(limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit >> 10) KiB") (\(rows.count) rows; it passed "
                        + "the limit at row \(n + 1))\(wrote ? "; the statement's changes were committed" : ""); add LIMIT, "
                        + "page with SKIP, or return fewer or smaller values (properties rather than whole nodes)")
            }
        }
        out.append(UInt8(ascii: "]"))
        return .raw(out)
    }
}
