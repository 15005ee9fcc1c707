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

    /// Whether `id` passes.
    @inlinable
    public func allows(_ id: VectorID) -> Bool {
        switch self {
        case .allow(let predicate): return predicate(id)
        case .bitmap(let bitmap): return bitmap.contains(id)
        }
    }
}
