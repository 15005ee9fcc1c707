/// A set of small non-negative integers as a paged bitmap; shares pages between versions like
/// `PagedArray`. Used for node and relationship liveness and for label membership.
public struct PagedBitSet: Sendable {
    @usableFromInline var words: PagedArray<UInt64>
    /// The number of members.
    public private(set) var count: Int

    public init() {
        words = PagedArray()
        count = 0
    }

    @inlinable
    public func contains(_ i: Int) -> Bool {
        let w = i &>> 6
        guard w < words.count else { return false }
        return words[w] & (1 &<< UInt64(i & 63)) != 0
    }

    /// Adds `i`. - Returns: whether it was newly added.
    @discardableResult
    public mutating func insert(_ i: Int) -> Bool {
        let w = i &>> 6
        if w >= words.count { words.reserveAndFill(0, upTo: w + 1) }
        let bit: UInt64 = 1 &<< UInt64(i & 63)
        let old = words[w]
        guard old & bit == 0 else { return false }
        words[w] = old | bit
        count += 1
        return true
    }

    /// Removes `i`. - Returns: whether it was a member.
    @discardableResult
    public mutating func remove(_ i: Int) -> Bool {
        let w = i &>> 6
        guard w < words.count else { return false }
        let bit: UInt64 = 1 &<< UInt64(i & 63)
        let old = words[w]
        guard old & bit != 0 else { return false }
        words[w] = old & ~bit
        count -= 1
        return true
    }

    /// Calls `body` for each member in increasing order.
    /// - Complexity: O(universe / 64 + members).
    @inlinable
    public func forEach(_ body: (Int) throws -> Void) rethrows {
        for pageIndex in 0..<words.pages.count {
            let page = words.pages[pageIndex]
            let base = pageIndex << (PageGeometry.shift + 6)
            for (wi, word) in page.items.enumerated() where word != 0 {
                var w = word
                while w != 0 {
                    let bit = w.trailingZeroBitCount
                    try body(base + wi << 6 + bit)
                    w &= w &- 1
                }
            }
        }
    }

    /// Calls `body` for each member in increasing order until it returns `true`.
    /// - Complexity: O(universe / 64 + members visited).
    @inlinable
    public func forEachUntil(_ body: (Int) -> Bool) {
        for pageIndex in 0..<words.pages.count {
            let page = words.pages[pageIndex]
            let base = pageIndex << (PageGeometry.shift + 6)
            for (wi, word) in page.items.enumerated() where word != 0 {
                var w = word
                while w != 0 {
                    if body(base + wi << 6 + w.trailingZeroBitCount) { return }
                    w &= w &- 1
                }
            }
        }
    }

    public var allocatedBytes: Int { words.allocatedBytes }
}
