import CypherRuntime
import Foundation

/// Turns PackStream parameters into runtime values: scalars, lists, maps and the temporal structures.
///
/// The runtime has no byte arrays and no spatial points, and Neo4j takes no graph entities as parameters:
/// those are refused with `Neo.ClientError.Statement.TypeError` rather than silently changed.
struct BoltValueDecoder {
    let utcDateTimes: Bool

    init(version: BoltVersion, utcPatch: Bool) { self.utcDateTimes = version.hasElementIDs || utcPatch }

    func decode(_ p: PackValue) throws(BoltError) -> Value {
        switch p {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .bytes: throw Self.typeError("byte arrays are not supported as parameters (the engine has no byte array type)")
        case .list(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try decode(item)) }
            return .list(out)
        case .map(let entries):
            var out: [String: Value] = [:]
            for (k, v) in entries { out[k] = try decode(v) }
            return .map(out)
        case .structure(let tag, let fields):
            return .temporal(try temporal(tag, fields))
        }
    }

    static func typeError(_ message: String) -> BoltError { BoltError("Neo.ClientError.Statement.TypeError", message) }

    private func temporal(_ tag: UInt8, _ fields: [PackValue]) throws(BoltError) -> Temporal {
        let ints = fields.compactMap(\.intValue)
        func need(_ n: Int, _ name: String, zoned: Bool = false) throws(BoltError) {
            guard fields.count == n, ints.count == (zoned ? n - 1 : n), !zoned || fields[n - 1].stringValue != nil else {
                throw BoltError.invalidFormat("a \(name) structure needs \(n) fields of the right types, got \(fields)")
            }
        }
        let nanosPerSecond: Int64 = 1_000_000_000
        func split(_ seconds: Int64, _ nanos: Int64, into t: inout Temporal) throws(BoltError) {
            guard (0 ..< nanosPerSecond).contains(nanos) else { throw BoltError.invalidFormat("nanoseconds out of range") }
            let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
            t.epochDay = day
            t.nanoOfDay = (seconds - day * 86_400) * nanosPerSecond + nanos
        }
        func checkOffset(_ o: Int64) throws(BoltError) -> Int {
            guard abs(o) <= 18 * 3600 else { throw BoltError.invalidFormat("offset \(o) s is out of range") }
            return Int(o)
        }
        switch tag {
        case StructureTag.date:
            try need(1, "Date")
            var t = Temporal(kind: .date)
            t.epochDay = ints[0]
            return t
        case StructureTag.localTime:
            try need(1, "LocalTime")
            var t = Temporal(kind: .localTime)
            guard (0 ..< 86_400 * nanosPerSecond).contains(ints[0]) else { throw BoltError.invalidFormat("time of day out of range") }
            t.nanoOfDay = ints[0]
            return t
        case StructureTag.time:
            try need(2, "Time")
            var t = Temporal(kind: .time)
            guard (0 ..< 86_400 * nanosPerSecond).contains(ints[0]) else { throw BoltError.invalidFormat("time of day out of range") }
            t.nanoOfDay = ints[0]
            t.offset = try checkOffset(ints[1])
            return t
        case StructureTag.localDateTime:
            try need(2, "LocalDateTime")
            var t = Temporal(kind: .localDateTime)
            try split(ints[0], ints[1], into: &t)
            return t
        case StructureTag.dateTime, StructureTag.legacyDateTime:
            guard (tag == StructureTag.dateTime) == utcDateTimes else {
                throw BoltError.invalidFormat("date-time structure 0x\(String(tag, radix: 16)) is not used by this Bolt version")
            }
            try need(3, "DateTime")
            var t = Temporal(kind: .dateTime)
            t.offset = try checkOffset(ints[2])
            try split(utcDateTimes ? ints[0] + ints[2] : ints[0], ints[1], into: &t)
            return t
        case StructureTag.dateTimeZoneID, StructureTag.legacyDateTimeZoneID:
            guard (tag == StructureTag.dateTimeZoneID) == utcDateTimes else {
                throw BoltError.invalidFormat("date-time structure 0x\(String(tag, radix: 16)) is not used by this Bolt version")
            }
            try need(3, "DateTimeZoneId", zoned: true)
            guard let zone = fields[2].stringValue, let tz = TimeZone(identifier: zone) else {
                throw BoltError("Neo.ClientError.Statement.ArgumentError", "unknown time zone \(fields[2])")
            }
            var t = Temporal(kind: .dateTime)
            t.zone = zone
            if utcDateTimes {
                t.offset = tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(ints[0])))
                try split(ints[0] + Int64(t.offset), ints[1], into: &t)
            } else {
                // Local seconds: find the offset in force at that local time.
                let guess = tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(ints[0])))
                t.offset = tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(ints[0] - Int64(guess))))
                try split(ints[0], ints[1], into: &t)
            }
            return t
        case StructureTag.duration:
            try need(4, "Duration")
            var t = Temporal(kind: .duration)
            t.months = ints[0]
            t.days = ints[1]
            t.seconds = ints[2]
            t.nanos = ints[3]
            return t
        case StructureTag.point2D, StructureTag.point3D:
            throw Self.typeError("spatial points are not supported (the engine has no point type)")
        case StructureTag.node, StructureTag.relationship, StructureTag.unboundRelationship, StructureTag.path:
            throw Self.typeError("nodes, relationships and paths cannot be parameters; pass their ids or properties")
        default:
            throw BoltError.invalidFormat("unknown structure tag 0x\(String(tag, radix: 16, uppercase: true)) in parameters")
        }
    }
}
