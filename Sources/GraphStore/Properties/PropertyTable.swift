/// The property maps of nodes or of relationships by id, in pages of 4,096 shared between versions of the
/// graph as `PagedArray`'s are.
///
/// A page is packed into columns (`PackedMaps`) once it is full, when its maps share one shape; otherwise,
/// and while it fills, it holds the maps themselves. A write to a packed page unpacks it into maps for the
/// rest of the transaction, and the commit packs it again (`packWrittenPages`). Reads give the same maps
/// either way.
public struct PropertyTable: Sendable {
    @usableFromInline static var pageShift: Int { 12 }
    @usableFromInline static var pageSize: Int { 1 << pageShift }
    @usableFromInline static var pageMask: Int { pageSize - 1 }

    /// A page: packed columns, or maps (empty when packed). A page reachable from a published snapshot is
    /// never written again: writers copy or unpack it first (see `makeWritable`).
    @usableFromInline final class Page: @unchecked Sendable {
        @exclusivity(unchecked) @usableFromInline var maps: ContiguousArray<PropertyMap>
        @usableFromInline let packed: PackedMaps?
        /// Whether a write unpacked this page (so that the commit packs it again).
        let unpacked: Bool

        init(_ maps: ContiguousArray<PropertyMap>, unpacked: Bool = false) {
            self.maps = maps
            packed = nil
            self.unpacked = unpacked
        }

        init(packed: PackedMaps) {
            maps = []
            self.packed = packed
            unpacked = false
        }
    }

    @usableFromInline var pages: ContiguousArray<Page> = []
    public private(set) var count = 0

    public init() {}

    /// The map of element `index`.
    @inlinable
    public subscript(index: Int) -> PropertyMap {
        get {
            let page = pages[index &>> Self.pageShift]
            if let packed = page.packed { return packed.map(at: index & Self.pageMask) }
            return page.maps[index & Self.pageMask]
        }
        set { modify(index) { $0 = newValue } }
    }

    /// One property of element `index`, read where it lies.
    @inlinable
    public func value(_ index: Int, _ key: PropertyKeyID) -> PropertyValue? {
        let page = pages[index &>> Self.pageShift]
        if let packed = page.packed { return packed.value(at: index & Self.pageMask, key) }
        return page.maps.withUnsafeBufferPointer { $0[index & Self.pageMask][key] }
    }

    /// Applies `body` to one map in place.
    public mutating func modify<R>(_ index: Int, _ body: (inout PropertyMap) throws -> R) rethrows -> R {
        let p = index &>> Self.pageShift
        makeWritable(page: p)
        return try body(&pages[p].maps[index & Self.pageMask])
    }

    public mutating func append(_ map: PropertyMap) {
        let offset = count & Self.pageMask
        if offset == 0 {
            var maps = ContiguousArray<PropertyMap>()
            maps.reserveCapacity(Self.pageSize)
            pages.append(Page(maps))
        }
        let last = pages.count - 1
        makeWritable(page: last)
        pages[last].maps.append(map)
        count += 1
        if offset == Self.pageMask { pack(page: last) }
    }

    /// Appends copies of `map` until the table holds `newCount` maps.
    public mutating func reserveAndFill(_ map: PropertyMap, upTo newCount: Int) {
        while count < newCount { append(map) }
    }

    /// Packs again the full pages that writes unpacked.
    /// - Complexity: O(pages), plus O(page size) for each page it packs.
    package mutating func packWrittenPages() {
        for p in pages.indices where pages[p].unpacked { pack(page: p) }
    }

    /// Packs page `p` when its maps share a shape; a page that does not stays as it is, no longer marked.
    private mutating func pack(page p: Int) {
        if let packed = PackedMaps.pack(pages[p].maps) {
            pages[p] = Page(packed: packed)
        } else if pages[p].unpacked {
            pages[p] = Page(pages[p].maps)
        }
    }

    /// Makes page `p` a map page that no other version shares.
    private mutating func makeWritable(page p: Int) {
        if let packed = pages[p].packed {
            pages[p] = Page(packed.unpacked(), unpacked: true)
        } else if !isKnownUniquelyReferenced(&pages[p]) {
            pages[p] = Page(pages[p].maps, unpacked: pages[p].unpacked)
        }
    }
}
