import Foundation

/// A temporal value: a date, a time (local or with an offset), a date-time (local or zoned) or a duration.
///
/// Dates are days since 1970-01-01 (proleptic Gregorian), times are nanoseconds since midnight, offsets are
/// seconds east of UTC. A zoned date-time keeps its zone name for printing.
public struct Temporal: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case date = "DATE"
        case localTime = "LOCAL TIME"
        case time = "ZONED TIME"
        case localDateTime = "LOCAL DATETIME"
        case dateTime = "ZONED DATETIME"
        case duration = "DURATION"
    }
    public var kind: Kind
    public var epochDay: Int64 = 0
    public var nanoOfDay: Int64 = 0
    public var offset: Int = 0
    public var zone: String?
    // Duration fields.
    public var months: Int64 = 0
    public var days: Int64 = 0
    public var seconds: Int64 = 0
    public var nanos: Int64 = 0

    public init(kind: Kind) { self.kind = kind }

    /// The current instant as a UTC date-time.
    static func now() -> Temporal {
        let seconds = Date().timeIntervalSince1970
        var t = Temporal(kind: .dateTime)
        let whole = Int64(seconds.rounded(.down))
        t.epochDay = Int64((Double(whole) / 86400).rounded(.down))
        t.nanoOfDay = (whole - t.epochDay * 86400) * 1_000_000_000 + Int64((seconds - Double(whole)) * 1e9)
        return t
    }

    var hasDate: Bool { kind == .date || kind == .localDateTime || kind == .dateTime }
    var hasTime: Bool { kind == .localTime || kind == .time || kind == .localDateTime || kind == .dateTime }
    var hasOffset: Bool { kind == .time || kind == .dateTime }

    // MARK: Calendar arithmetic (days from civil and back).

    static func days(year y0: Int64, month m: Int64, day d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01.
    public static func civil(_ z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// ISO day of week, Monday = 1.
    static func dayOfWeek(_ epochDay: Int64) -> Int64 {
        let r = (epochDay + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// The first day (Monday) of ISO week 1 of `weekYear`.
    static func weekOneStart(_ weekYear: Int64) -> Int64 {
        let jan4 = days(year: weekYear, month: 1, day: 4)
        return jan4 - (dayOfWeek(jan4) - 1)
    }

    static func weekDate(_ epochDay: Int64) -> (weekYear: Int64, week: Int64) {
        let y = civil(epochDay).year
        for candidate in [y + 1, y, y - 1] where epochDay >= weekOneStart(candidate) {
            return (candidate, (epochDay - weekOneStart(candidate)) / 7 + 1)
        }
        return (y, 1)
    }

    var year: Int64 { Self.civil(epochDay).year }
    var month: Int64 { Self.civil(epochDay).month }
    var day: Int64 { Self.civil(epochDay).day }
    var hour: Int64 { nanoOfDay / 3_600_000_000_000 }
    var minute: Int64 { nanoOfDay / 60_000_000_000 % 60 }
    var second: Int64 { nanoOfDay / 1_000_000_000 % 60 }
    var nanosecond: Int64 { nanoOfDay % 1_000_000_000 }

    /// The offset of a named zone at a local date-time.
    static func offset(zone: String, epochDay: Int64, nanoOfDay: Int64) -> Int? {
        guard let tz = TimeZone(identifier: zone) else { return nil }
        let local = Double(epochDay * 86400 + nanoOfDay / 1_000_000_000)
        let guess = tz.secondsFromGMT(for: Date(timeIntervalSince1970: local))
        return tz.secondsFromGMT(for: Date(timeIntervalSince1970: local - Double(guess)))
    }
}
