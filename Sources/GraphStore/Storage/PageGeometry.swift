/// The page geometry shared by the paged tables (`PagedArray`, `PagedIntegers`, `PropertyTable`,
/// `PagedBitSet` through its words): 4,096 elements a page, so that element `i` lies at offset `i & mask` of
/// page `i >> shift`, and a write copies one page, not the table.
@usableFromInline
enum PageGeometry {
    @usableFromInline static var shift: Int { 12 }
    @usableFromInline static var size: Int { 1 << shift }
    @usableFromInline static var mask: Int { size - 1 }
}
