public import HashTreeCollections
import Synchronization

/// A range or text index on one property of the nodes with one label (Neo4j 5's `CREATE [RANGE|TEXT] INDEX`), or a
/// composite RANGE index on several (`ON (n.a, n.b)`), which holds the nodes having every property under the list
/// of their values and answers equality on all of them.
///
/// Entries map a value (its `indexKey`, so `1` and `1.0` are one key) to the nodes holding it, in a persistent
/// hash tree: snapshots share it and a write copies O(log n) of it. A RANGE index holds every non-null value, a
/// TEXT index only strings. Range and prefix lookups read a sorted list of the distinct number and string keys,
/// built on first use after a write and shared by every reader of that version.
public struct PropertyIndex: Sendable {
    public enum Kind: UInt8, Sendable, Hashable {
        case range = 0
        case text = 1

        public var name: String { self == .range ? "RANGE" : "TEXT" }
    }

    public let name: String
    public let kind: Kind
    public let label: LabelID
    /// The indexed properties (one, except for a composite index).
    public let keys: [PropertyKeyID]
    @usableFromInline var entries: TreeDictionary<PropertyValue, TreeSet<NodeID>> = [:]
    private var sorted = SortedKeys()

    init(name: String, kind: Kind, label: LabelID, keys: [PropertyKeyID]) {
        precondition(!keys.isEmpty && (kind == .range || keys.count == 1), "a TEXT index has one property")
        self.name = name
        self.kind = kind
        self.label = label
        self.keys = keys
    }

    /// The first (for a single-property index, the only) property.
    public var key: PropertyKeyID { keys[0] }

    /// Whether the index is on several properties.
    public var isComposite: Bool { keys.count > 1 }

    /// The value a node with `properties` is indexed under: the property for one key, the list of the values for
    /// several; nil when one is missing.
    public func tuple(_ properties: PropertyMap) -> PropertyValue? {
        if keys.count == 1 { return properties[keys[0]] }
        var values: [PropertyValue] = []
        for k in keys {
            guard let v = properties[k] else { return nil }
            values.append(v)
        }
        return .list(values)
    }

    /// Whether the index holds values like `value`.
    public func accepts(_ value: PropertyValue) -> Bool {
        switch (kind, value) {
        case (_, .null): false
        case (.text, .string): true
        case (.text, _): false
        case (.range, _): true
        }
    }

    /// The number of distinct values.
    public var distinctValues: Int { entries.count }

    /// The nodes whose value equals `value` (Cypher equality: `1` finds `1.0`); for a composite index, `value` is
    /// the list of the values in the order of `keys`.
    /// - Complexity: O(1) expected plus the matches.
    public func nodes(equalTo value: PropertyValue) -> [NodeID] {
        entries[value.indexKey].map { Array($0) } ?? []
    }

    /// The nodes whose number or string value lies between the bounds (nil: unbounded), numbers with numbers and
    /// strings with strings, as Cypher compares them.
    /// - Complexity: O(log distinct values + matches), after one O(d log d) sort per written version.
    public func nodes(
        from lower: PropertyValue?, inclusive lowerInclusive: Bool, to upper: PropertyValue?,
        inclusive upperInclusive: Bool
    ) -> [NodeID] {
        let bounds = [lower, upper].compactMap { $0 }
        guard let first = bounds.first, let rank = Self.rank(first), bounds.allSatisfy({ Self.rank($0) == rank })
        else { return [] }
        let keys = sortedKeys()
        var i = Self.lowerBound(keys) { k in
            let r = Self.rank(k)!
            if r != rank { return r < rank }
            guard let lower else { return false }
            return lowerInclusive ? Self.less(k, lower) : !Self.less(lower, k)
        }
        var out: [NodeID] = []
        while i < keys.count, Self.rank(keys[i]) == rank {
            if let upper, upperInclusive ? Self.less(upper, keys[i]) : !Self.less(keys[i], upper) { break }
            out += entries[keys[i]].map { Array($0) } ?? []
            i += 1
        }
        return out
    }

    /// The nodes whose string value starts with `prefix`.
    public func nodes(startingWith prefix: String) -> [NodeID] {
        let keys = sortedKeys()
        var i = Self.lowerBound(keys) { k in
            guard case .string(let s) = k else { return Self.rank(k)! < 1 }
            return s < prefix
        }
        var out: [NodeID] = []
        while i < keys.count, case .string(let s) = keys[i], s.hasPrefix(prefix) {
            out += entries[keys[i]].map { Array($0) } ?? []
            i += 1
        }
        return out
    }

    mutating func insert(_ value: PropertyValue, node: NodeID) {
        guard accepts(value) else { return }
        entries[value.indexKey, default: []].insert(node)
        sorted = SortedKeys()
    }

    mutating func remove(_ value: PropertyValue, node: NodeID) {
        guard accepts(value) else { return }
        let k = value.indexKey
        guard var set = entries[k] else { return }
        set.remove(node)
        entries[k] = set.isEmpty ? nil : set
        sorted = SortedKeys()
    }

    // MARK: - Order

    /// 0 for numbers, 1 for strings; nil for values ranges do not apply to.
    public static func rank(_ v: PropertyValue) -> Int? {
        switch v {
        case .int, .double: 0
        case .string: 1
        default: nil
        }
    }

    /// `a < b` for two values of the same rank (numbers compared exactly across int and double).
    static func less(_ a: PropertyValue, _ b: PropertyValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y
        case (.string(let x), .string(let y)): return x < y
        case (.int(let x), .double(let y)): return y.isNaN ? false : Double(x) < y || (Double(x) == y && Int64(exactly: y).map { x < $0 } ?? false)
        case (.double(let x), .int(let y)): return x.isNaN ? false : x < Double(y) || (x == Double(y) && Int64(exactly: x).map { $0 < y } ?? false)
        case (.double(let x), .double(let y)): return x < y
        default: return (rank(a) ?? 2) < (rank(b) ?? 2)
        }
    }

    static func lowerBound(_ keys: [PropertyValue], _ isBefore: (PropertyValue) -> Bool) -> Int {
        var lo = 0
        var hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isBefore(keys[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The distinct number and string keys in order (NaN left out: it is not within any range).
    func sortedKeys() -> [PropertyValue] {
        sorted.get {
            entries.keys.filter { k in
                if case .double(let d) = k, d.isNaN { return false }
                return Self.rank(k) != nil
            }.sorted(by: Self.less)
        }
    }
}

/// A value computed once per index version and shared by the copies of that version (a write replaces it).
private final class SortedKeys: Sendable {
    private let cached = Mutex<[PropertyValue]?>(nil)

    func get(_ make: () -> [PropertyValue]) -> [PropertyValue] {
        if let keys = cached.withLock({ $0 }) { return keys }
        let keys = make()
        cached.withLock { $0 = keys }
        return keys
    }
}
