/// An append-only array of unsigned integers in pages of 4,096, shared between versions like `PagedArray`'s.
/// A full page is bit-packed (`BitPacked`): each value as its difference from the page's smallest, in the
/// fewest bits that hold the largest difference.
///
/// Used for the relationship table, whose entries never change once written (ids are never reused): a page of
/// purchases imported in customer order packs its sources into about 8 bits, its targets into the product id
/// range and its types into none.
public struct PagedIntegers<Element: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    /// A page: packed values, or the values themselves while it fills.
    @usableFromInline final class Page: @unchecked Sendable {
        @exclusivity(unchecked) @usableFromInline var values: ContiguousArray<Element>
        @usableFromInline let packed: BitPacked?
        @usableFromInline let base: UInt64

        init(_ values: ContiguousArray<Element>) {
            self.values = values
            packed = nil
            base = 0
        }

        init(packing values: ContiguousArray<Element>) {
            let low = UInt64(values.min() ?? 0)
            let high = UInt64(values.max() ?? 0)
            self.values = []
            base = low
            packed = BitPacked(count: values.count, width: BitPacked.width(for: high - low)) { UInt64(values[$0]) - low }
        }
    }

    @usableFromInline var pages: ContiguousArray<Page> = []
    public private(set) var count = 0

    public init() {}

    @inlinable
    public subscript(index: Int) -> Element {
        let page = pages[index &>> PageGeometry.shift]
        if let packed = page.packed { return Element(truncatingIfNeeded: page.base &+ packed[index & PageGeometry.mask]) }
        return page.values[index & PageGeometry.mask]
    }

    public mutating func append(_ value: Element) {
        let offset = count & PageGeometry.mask
        if offset == 0 {
            var values = ContiguousArray<Element>()
            values.reserveCapacity(PageGeometry.size)
            pages.append(Page(values))
        }
        let last = pages.count - 1
        if !isKnownUniquelyReferenced(&pages[last]) { pages[last] = Page(pages[last].values) }
        pages[last].values.append(value)
        count += 1
        if offset == PageGeometry.mask { pages[last] = Page(packing: pages[last].values) }
    }

    /// Bytes held by the pages, for memory reports.
    public var allocatedBytes: Int {
        pages.reduce(pages.capacity * 8) { bytes, page in
            bytes + 48 + (page.packed?.allocatedBytes ?? page.values.capacity * MemoryLayout<Element>.stride)
        }
    }
}
