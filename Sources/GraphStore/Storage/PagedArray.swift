/// A growable array split into fixed-size pages that are shared between versions of the graph.
///
/// Copying a `PagedArray` copies only the table of page references. Writing to an element
/// copies just the page that holds it, and only when another version still shares that page.
/// This is what lets a writer build the next snapshot while readers keep the current one,
/// at a cost proportional to the pages the write touches.
public struct PagedArray<Element: Sendable>: Sendable {
    /// A page's storage. A page reachable from a published snapshot is never written again:
    /// writers copy any page whose reference is shared (see `makeUnique`).
    @usableFromInline final class Page: @unchecked Sendable {
        @exclusivity(unchecked) @usableFromInline var items: ContiguousArray<Element>
        @usableFromInline init(_ items: ContiguousArray<Element>) { self.items = items }
    }

    @usableFromInline var pages: ContiguousArray<Page>
    public private(set) var count: Int

    public init() {
        pages = []
        count = 0
    }

    /// Creates an array holding `count` copies of `value`.
    public init(repeating value: Element, count: Int) {
        self.init()
        reserveAndFill(value, upTo: count)
    }

    @inlinable
    public subscript(index: Int) -> Element {
        get {
            pages[index &>> PageGeometry.shift].items[index & PageGeometry.mask]
        }
        set {
            let p = index &>> PageGeometry.shift
            makeUnique(page: p)
            pages[p].items[index & PageGeometry.mask] = newValue
        }
    }

    /// Calls `body` with one element where it lies, without copying it out (a copy of an element holding
    /// references, such as a `PropertyMap`, costs a retain and a release; reading one property of one does not
    /// need them).
    @inlinable
    public func withElement<R>(_ index: Int, _ body: (borrowing Element) throws -> R) rethrows -> R {
        try pages[index &>> PageGeometry.shift].items.withUnsafeBufferPointer { try body($0[index & PageGeometry.mask]) }
    }

    /// Applies `body` to one element in place.
    @inlinable
    public mutating func modify<R>(_ index: Int, _ body: (inout Element) throws -> R) rethrows -> R {
        let p = index &>> PageGeometry.shift
        makeUnique(page: p)
        return try body(&pages[p].items[index & PageGeometry.mask])
    }

    @inlinable
    mutating func makeUnique(page p: Int) {
        if !isKnownUniquelyReferenced(&pages[p]) {
            pages[p] = Page(pages[p].items)
        }
    }

    public mutating func append(_ element: Element) {
        let offset = count & PageGeometry.mask
        if offset == 0 {
            var items = ContiguousArray<Element>()
            items.reserveCapacity(PageGeometry.size)
            items.append(element)
            pages.append(Page(items))
        } else {
            let last = pages.count - 1
            makeUnique(page: last)
            let page = pages[last]
            page.items.append(element)
        }
        count += 1
    }

    /// Appends copies of `value` until the array holds `newCount` elements.
    public mutating func reserveAndFill(_ value: Element, upTo newCount: Int) {
        while count < newCount {
            let offset = count & PageGeometry.mask
            let room = min(PageGeometry.size - offset, newCount - count)
            if offset == 0 {
                var items = ContiguousArray<Element>(repeating: value, count: room)
                items.reserveCapacity(PageGeometry.size)
                pages.append(Page(items))
            } else {
                makeUnique(page: pages.count - 1)
                pages[pages.count - 1].items.append(contentsOf: repeatElement(value, count: room))
            }
            count += room
        }
    }

    /// Bytes held by element storage (page capacity, not just the used part), for memory reports.
    public var allocatedBytes: Int {
        pages.reduce(0) { $0 + $1.items.capacity * MemoryLayout<Element>.stride } + pages.capacity * 8
    }
}
