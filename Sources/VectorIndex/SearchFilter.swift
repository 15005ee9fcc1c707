/// Restricts a search to some ids.
///
/// Filtered search never returns fewer than `k` hits when at least `k` vectors match: it
/// keeps probing lists, in order of closeness, until enough matching candidates were seen
/// or every list was scanned (see `IVFFlatIndex.search`).
public enum SearchFilter: Sendable {
    /// Only ids for which the predicate returns `true`.
    case allow(@Sendable (VectorID) -> Bool)
    /// Only ids in the bitmap.
    case bitmap(IDBitmap)
    /// Only ids in the bitmap that the predicate also accepts: the predicate is called for the bitmap's ids
    /// alone, and the bit test runs inside the scan's loop (a property index named the candidates, the caller's
    /// predicate checks the rest).
    case narrowed(IDBitmap, @Sendable (VectorID) -> Bool)

    /// Whether `id` passes.
    @inlinable
    public func allows(_ id: VectorID) -> Bool {
        switch self {
        case .allow(let predicate): return predicate(id)
        case .bitmap(let bitmap): return bitmap.contains(id)
        case .narrowed(let bitmap, let predicate): return bitmap.contains(id) && predicate(id)
        }
    }
}
