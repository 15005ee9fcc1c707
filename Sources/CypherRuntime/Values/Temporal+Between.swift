extension Temporal {
    static let nanosPerDay: Int64 = 86_400_000_000_000

    /// A duration of whole months, days and nanoseconds.
    static func exactDuration(months: Int64 = 0, days: Int64 = 0, nanos: Int64 = 0) -> Temporal {
        var t = Temporal(kind: .duration)
        t.months = months
        t.days = days
        var seconds = nanos / 1_000_000_000
        var rest = nanos % 1_000_000_000
        if rest < 0 {
            rest += 1_000_000_000
            seconds -= 1
        }
        t.seconds = seconds
        t.nanos = rest
        return t
    }

    static func daysInMonth(_ year: Int64, _ month: Int64) -> Int64 {
        let next = month == 12 ? days(year: year + 1, month: 1, day: 1) : days(year: year, month: month + 1, day: 1)
        return next - days(year: year, month: month, day: 1)
    }

    /// `duration.between` (unit nil), `duration.inMonths`, `inDays` and `inSeconds`.
    static func between(_ a: Temporal, _ b: Temporal, unit: String?) throws -> Temporal {
        var ta = a.hasTime ? a.nanoOfDay : 0
        var tb = b.hasTime ? b.nanoOfDay : 0
        if a.hasOffset && b.hasOffset {
            ta -= Int64(a.offset) * 1_000_000_000
            tb -= Int64(b.offset) * 1_000_000_000
        }
        guard a.hasDate && b.hasDate else {
            if unit == "months" || unit == "days" { return exactDuration() }
            return exactDuration(nanos: tb - ta)
        }
        switch unit {
        case "seconds":
            let (dayNanos, overflow) = (b.epochDay - a.epochDay).multipliedReportingOverflow(by: nanosPerDay)
            let (total, overflow2) = dayNanos.addingReportingOverflow(tb - ta)
            guard !overflow && !overflow2 else {
                throw CypherRuntimeError(.numberOutOfRange, "the duration in seconds is too large")
            }
            return exactDuration(nanos: total)
        case "days":
            var dayCount = b.epochDay - a.epochDay
            if dayCount > 0 && tb < ta { dayCount -= 1 } else if dayCount < 0 && tb > ta { dayCount += 1 }
            dayCount += (tb - ta) / nanosPerDay
            return exactDuration(days: dayCount)
        default: break
        }
        let (y1, m1, d1) = civil(a.epochDay)
        let (y2, m2, d2) = civil(b.epochDay)
        var months = (y2 * 12 + m2) - (y1 * 12 + m1)
        let laterInMonth = (d2, tb) > (d1, ta)
        let earlierInMonth = (d2, tb) < (d1, ta)
        if months > 0 && earlierInMonth { months -= 1 }
        if months < 0 && laterInMonth { months += 1 }
        if unit == "months" { return exactDuration(months: months) }
        let monthIndex = y1 * 12 + (m1 - 1) + months
        let iy = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        let im = monthIndex - iy * 12 + 1
        let intermediate = days(year: iy, month: im, day: min(d1, daysInMonth(iy, im)))
        var dayCount = b.epochDay - intermediate
        var nanos = tb - ta
        if dayCount > 0 && nanos < 0 {
            dayCount -= 1
            nanos += nanosPerDay
        } else if dayCount < 0 && nanos > 0 {
            dayCount += 1
            nanos -= nanosPerDay
        }
        return exactDuration(months: months, days: dayCount, nanos: nanos)
    }
}
