/// The property maps of nodes or of relationships by id, in pages of 4,096 shared between versions of the
/// graph as `PagedArray`'s are.
///
/// A page is packed into columns (`PackedMaps`) once it is full, when its maps share one shape; otherwise,
/// and while it fills, it holds the maps themselves. A write to a packed page keeps the new map beside the
/// columns (`Page.changed`), so that one `SET` costs one map, not the page; when a page has gathered
/// `foldThreshold` such maps, the commit folds them into new columns (`packWrittenPages`). Reads give the
/// same maps either way.
public struct PropertyTable: Sendable {
    /// Written maps a packed page holds beside its columns before the commit packs it again.
    static var foldThreshold: Int { 128 }

    /// A page: packed columns and the maps written since, or maps (empty when packed). A page reachable from
    /// a published snapshot is never written again: writers copy it first (see `makeWritable`).
    @usableFromInline final class Page: @unchecked Sendable {
        @exclusivity(unchecked) @usableFromInline var maps: ContiguousArray<PropertyMap>
        @usableFromInline let packed: PackedMaps?
        /// Maps written since the page was packed, by offset in the page; they hide the columns' maps.
        @exclusivity(unchecked) @usableFromInline var changed: [UInt16: PropertyMap]

        init(_ maps: ContiguousArray<PropertyMap>) {
            self.maps = maps
            packed = nil
            changed = [:]
        }

        init(packed: PackedMaps, changed: [UInt16: PropertyMap] = [:]) {
            maps = []
            self.packed = packed
            self.changed = changed
        }

        /// The map written at `offset` since the page was packed, if any.
        @inlinable func written(_ offset: Int) -> PropertyMap? {
            changed.isEmpty ? nil : changed[UInt16(truncatingIfNeeded: offset)]
        }
    }

    @usableFromInline var pages: ContiguousArray<Page> = []
    public private(set) var count = 0
    /// Packed pages whose written maps reached `foldThreshold`, for the commit to pack again.
    private var overgrown: [Int] = []

    public init() {}

    /// The map of element `index`.
    @inlinable
    public subscript(index: Int) -> PropertyMap {
        get {
            let page = pages[index &>> PageGeometry.shift]
            if let packed = page.packed {
                return page.written(index & PageGeometry.mask) ?? packed.map(at: index & PageGeometry.mask)
            }
            return page.maps[index & PageGeometry.mask]
        }
        set { modify(index) { $0 = newValue } }
    }

    /// One property of element `index`, read where it lies.
    @inlinable
    public func value(_ index: Int, _ key: PropertyKeyID) -> PropertyValue? {
        let page = pages[index &>> PageGeometry.shift]
        if let packed = page.packed {
            if let map = page.written(index & PageGeometry.mask) { return map[key] }
            return packed.value(at: index & PageGeometry.mask, key)
        }
        return page.maps.withUnsafeBufferPointer { $0[index & PageGeometry.mask][key] }
    }

    /// Applies `body` to one map in place.
    public mutating func modify<R>(_ index: Int, _ body: (inout PropertyMap) throws -> R) rethrows -> R {
        let p = index &>> PageGeometry.shift
        makeWritable(page: p)
        let page = pages[p]
        guard let packed = page.packed else { return try body(&page.maps[index & PageGeometry.mask]) }
        let offset = UInt16(truncatingIfNeeded: index & PageGeometry.mask)
        let before = page.changed.count
        defer { if before < Self.foldThreshold && page.changed.count >= Self.foldThreshold { overgrown.append(p) } }
        return try body(&page.changed[offset, default: packed.map(at: Int(offset))])
    }

    public mutating func append(_ map: PropertyMap) {
        let offset = count & PageGeometry.mask
        if offset == 0 {
            var maps = ContiguousArray<PropertyMap>()
            maps.reserveCapacity(PageGeometry.size)
            pages.append(Page(maps))
        }
        let last = pages.count - 1
        makeWritable(page: last)
        pages[last].maps.append(map)
        count += 1
        if offset == PageGeometry.mask, let packed = PackedMaps.pack(pages[last].maps) { pages[last] = Page(packed: packed) }
    }

    /// Appends copies of `map` until the table holds `newCount` maps.
    public mutating func reserveAndFill(_ map: PropertyMap, upTo newCount: Int) {
        while count < newCount { append(map) }
    }

    /// Packs again the pages whose written maps reached `foldThreshold`, or with `all`, every page with a
    /// written map.
    /// - Complexity: O(page size) for each page it packs, and with `all` O(pages) besides.
    package mutating func packWrittenPages(all: Bool = false) {
        let due = all ? pages.indices.filter { !pages[$0].changed.isEmpty } : overgrown
        overgrown = []
        for p in due where !pages[p].changed.isEmpty { fold(page: p) }
    }

    /// Folds page `p`'s written maps into new columns, or into a page of maps when they no longer share a shape.
    private mutating func fold(page p: Int) {
        guard let packed = pages[p].packed else { return }
        var maps = packed.unpacked()
        for (offset, map) in pages[p].changed { maps[Int(offset)] = map }
        pages[p] = PackedMaps.pack(maps).map { Page(packed: $0) } ?? Page(maps)
    }

    /// Makes page `p` one that no other version shares.
    private mutating func makeWritable(page p: Int) {
        guard !isKnownUniquelyReferenced(&pages[p]) else { return }
        let page = pages[p]
        pages[p] = page.packed.map { Page(packed: $0, changed: page.changed) } ?? Page(page.maps)
    }
}
