extension Temporal {
    static let secondsPerMonth = 2_629_746.0

    /// A duration from amounts that may be fractional; fractions cascade to the smaller units.
    static func duration(months m: Double, days d: Double, seconds s: Double, nanos n: Int64 = 0) throws -> Temporal {
        let limit = 9.0e15
        guard m.isFinite, d.isFinite, s.isFinite, abs(m) < limit, abs(d) < limit, abs(s) < limit * 100,
            abs(n) < 1_000_000_000_000_000
        else { throw CypherRuntimeError(.numberOutOfRange, "the duration is too large") }
        var t = Temporal(kind: .duration)
        let wholeMonths = m.rounded(.towardZero)
        t.months = Int64(wholeMonths)
        // A fraction of a month becomes whole days and seconds (an average month is 2,629,746 s).
        let monthSeconds = (m - wholeMonths) * secondsPerMonth
        let monthDays = (monthSeconds / 86400).rounded(.towardZero)
        let dayTotal = d + monthDays
        let wholeDays = dayTotal.rounded(.towardZero)
        t.days = Int64(wholeDays)
        let secondTotal = s + (monthSeconds - monthDays * 86400) + (dayTotal - wholeDays) * 86400
        let wholeSeconds = secondTotal.rounded(.towardZero)
        var nanos = Int64(((secondTotal - wholeSeconds) * 1e9).rounded()) + n
        var seconds = Int64(wholeSeconds) + nanos / 1_000_000_000
        nanos %= 1_000_000_000
        if nanos < 0 {
            nanos += 1_000_000_000
            seconds -= 1
        }
        t.seconds = seconds
        t.nanos = nanos
        return t
    }

    static func duration(map: [String: Value]) throws -> Temporal {
        func num(_ key: String) throws -> Double {
            guard let v = map[key] else { return 0 }
            switch v {
            case .int(let i): return Double(i)
            case .float(let d): return d
            case .null: return 0
            default: throw invalid("\(key) must be a number")
            }
        }
        var nanos: Int64 = 0
        if case .int(let i) = map["nanoseconds"] { nanos = i }
        let months = try num("years") * 12 + num("quarters") * 3 + num("months")
        let days = try num("weeks") * 7 + num("days")
        let seconds =
            try num("hours") * 3600 + num("minutes") * 60 + num("seconds") + num("milliseconds") / 1e3
            + num("microseconds") / 1e6
        return try duration(months: months, days: days, seconds: seconds, nanos: nanos)
    }

    static func parseDuration(_ text: String) throws -> Temporal {
        var s = Substring(text)
        var sign = 1.0
        if s.hasPrefix("-") {
            sign = -1
            s = s.dropFirst()
        }
        guard s.hasPrefix("P") else { throw invalid("invalid duration \(text)") }
        s = s.dropFirst()
        var months = 0.0
        var days = 0.0
        var seconds = 0.0
        var inTime = false
        var number = ""
        for c in s {
            if c == "T" {
                inTime = true
                continue
            }
            if c.isNumber || c == "." || c == "," || c == "-" {
                number.append(c == "," ? "." : c)
                continue
            }
            guard let v = Double(number) else { throw invalid("invalid duration \(text)") }
            number = ""
            switch (c, inTime) {
            case ("Y", false): months += v * 12
            case ("M", false): months += v
            case ("W", false): days += v * 7
            case ("D", false): days += v
            case ("H", true): seconds += v * 3600
            case ("M", true): seconds += v * 60
            case ("S", true): seconds += v
            default: throw invalid("invalid duration \(text)")
            }
        }
        guard number.isEmpty else { throw invalid("invalid duration \(text)") }
        return try duration(months: sign * months, days: sign * days, seconds: sign * seconds)
    }

    /// A component such as `year` or `minutesOfHour`.
    func component(_ key: String) -> Value? {
        if kind == .duration {
            switch key {
            case "years": return .int(months / 12)
            case "quarters": return .int(months / 3)
            case "months": return .int(months)
            case "weeks": return .int(days / 7)
            case "days": return .int(days)
            case "hours": return .int(seconds / 3600)
            case "minutes": return .int(seconds / 60)
            case "seconds": return .int(seconds)
            case "milliseconds", "microseconds":
                let scale: Int64 = key == "milliseconds" ? 1000 : 1_000_000
                let (whole, overflow) = seconds.multipliedReportingOverflow(by: scale)
                return overflow ? nil : .int(whole + nanos / (1_000_000_000 / scale))
            case "nanoseconds":
                let (n, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
                return overflow ? nil : .int(n + nanos)
            case "quartersOfYear": return .int(months % 12 / 3)
            case "monthsOfQuarter": return .int(months % 3)
            case "monthsOfYear": return .int(months % 12)
            case "daysOfWeek": return .int(days % 7)
            case "minutesOfHour": return .int(seconds / 60 % 60)
            case "secondsOfMinute": return .int(seconds % 60)
            case "millisecondsOfSecond": return .int(nanos / 1_000_000)
            case "microsecondsOfSecond": return .int(nanos / 1000)
            case "nanosecondsOfSecond": return .int(nanos)
            default: return nil
            }
        }
        if hasDate {
            switch key {
            case "year": return .int(year)
            case "month": return .int(month)
            case "day": return .int(day)
            case "quarter": return .int((month - 1) / 3 + 1)
            case "week": return .int(Self.weekDate(epochDay).week)
            case "weekYear": return .int(Self.weekDate(epochDay).weekYear)
            case "dayOfWeek", "weekDay": return .int(Self.dayOfWeek(epochDay))
            case "ordinalDay": return .int(epochDay - Self.days(year: year, month: 1, day: 1) + 1)
            case "dayOfQuarter":
                return .int(epochDay - Self.days(year: year, month: ((month - 1) / 3) * 3 + 1, day: 1) + 1)
            default: break
            }
        }
        if hasTime {
            switch key {
            case "hour": return .int(hour)
            case "minute": return .int(minute)
            case "second": return .int(second)
            case "millisecond": return .int(nanosecond / 1_000_000)
            case "microsecond": return .int(nanosecond / 1000)
            case "nanosecond": return .int(nanosecond)
            default: break
            }
        }
        if hasOffset {
            switch key {
            case "timezone": return .string(zone ?? Self.offsetText(offset))
            case "offset": return .string(Self.offsetText(offset))
            case "offsetMinutes": return .int(Int64(offset / 60))
            case "offsetSeconds": return .int(Int64(offset))
            default: break
            }
        }
        if kind == .dateTime || kind == .localDateTime {
            let epochSeconds = epochDay * 86400 + nanoOfDay / 1_000_000_000 - Int64(kind == .dateTime ? offset : 0)
            switch key {
            case "epochSeconds": return .int(epochSeconds)
            case "epochMillis": return .int(epochSeconds * 1000 + nanosecond / 1_000_000)
            default: break
            }
        }
        return nil
    }

    /// Ordering within one kind; nil across kinds and for durations.
    static func compare(_ a: Temporal, _ b: Temporal) -> Int? {
        guard a.kind == b.kind, a.kind != .duration else { return nil }
        func key(_ t: Temporal) -> (Int64, Int64) {
            let nanos = t.nanoOfDay - Int64(t.hasOffset ? t.offset : 0) * 1_000_000_000
            if t.kind == .time { return (0, nanos) }
            let day = t.epochDay + (nanos < 0 ? -1 : 0) + nanos / 86_400_000_000_000
            let r = nanos % 86_400_000_000_000
            return (day, r < 0 ? r + 86_400_000_000_000 : r)
        }
        let x = key(a)
        let y = key(b)
        return x < y ? -1 : (x == y ? 0 : 1)
    }
}
