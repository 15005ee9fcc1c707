extension Value {
    /// Cypher `=`: nil when the answer is unknown (null involved).
    public static func equals(_ a: Value, _ b: Value) -> Bool? {
        switch (a, b) {
        case (.null, _), (_, .null): return nil
        case (.int(let x), .float(let y)), (.float(let y), .int(let x)): return Double(x) == y
        case (.float(let x), .float(let y)): return x == y
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return false }
            var unknown = false
            for (p, q) in zip(x, y) {
                switch equals(p, q) {
                case .some(false): return false
                case nil: unknown = true
                default: break
                }
            }
            return unknown ? nil : true
        case (.map(let x), .map(let y)):
            guard Set(x.keys) == Set(y.keys) else { return false }
            var unknown = false
            for (k, v) in x {
                switch equals(v, y[k]!) {
                case .some(false): return false
                case nil: unknown = true
                default: break
                }
            }
            return unknown ? nil : true
        default:
            return a == b
        }
    }

    /// Cypher `<`-style comparison: the sign of a - b, or nil when the values are not comparable.
    public static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.int, .float), (.float, .int), (.float, .float):
            let x = a.doubleValue!
            let y = b.doubleValue!
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.temporal(let x), .temporal(let y)): return Temporal.compare(x, y)
        case (.list(let x), .list(let y)):
            for (p, q) in zip(x, y) {
                guard let c = compare(p, q) else { return nil }
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
        default: return nil
        }
    }

    var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .float(let d): d
        default: nil
        }
    }

    private var orderRank: Int {
        switch self {
        case .map: 0
        case .node: 1
        case .relationship: 2
        case .list: 3
        case .path: 4
        case .temporal: 5
        case .string: 6
        case .bool: 7
        case .int, .float: 8
        case .null: 9
        }
    }

    /// The total order used by ORDER BY (ascending): a negative number when a sorts first.
    public static func order(_ a: Value, _ b: Value) -> Int {
        let ra = a.orderRank
        let rb = b.orderRank
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.int, .float), (.float, .int), (.float, .float):
            let x = a.doubleValue!
            let y = b.doubleValue!
            if x.isNaN { return y.isNaN ? 0 : 1 }
            if y.isNaN { return -1 }
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.list(let x), .list(let y)):
            for (p, q) in zip(x, y) {
                let c = order(p, q)
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
        case (.node(let x), .node(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.relationship(let x), .relationship(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.map(let x), .map(let y)):
            let kx = x.keys.sorted()
            let ky = y.keys.sorted()
            let c = order(.list(kx.map { .string($0) }), .list(ky.map { .string($0) }))
            if c != 0 { return c }
            return order(.list(kx.map { x[$0]! }), .list(ky.map { y[$0]! }))
        case (.temporal(let x), .temporal(let y)):
            if let c = Temporal.compare(x, y) { return c }
            if x.kind != y.kind { return x.kind.rawValue < y.kind.rawValue ? -1 : 1 }
            let kx = [x.months, x.days, x.seconds, x.nanos]
            let ky = [y.months, y.days, y.seconds, y.nanos]
            return kx.lexicographicallyPrecedes(ky) ? -1 : (kx == ky ? 0 : 1)
        case (.path(let n1, let r1), .path(let n2, let r2)):
            let c = order(.list(n1.map { .node($0) }), .list(n2.map { .node($0) }))
            if c != 0 { return c }
            return order(.list(r1.map { .relationship($0) }), .list(r2.map { .relationship($0) }))
        default: return 0
        }
    }
}
