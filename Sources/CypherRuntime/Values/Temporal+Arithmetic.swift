extension Temporal {
    /// `self + sign * duration` for a date, time or date-time. Months clamp the day to the month's length; the
    /// time of a date-time carries into its date, a time wraps around midnight, and a date takes only the whole
    /// days of the duration's seconds.
    func adding(_ duration: Temporal, sign: Int64) throws -> Temporal {
        var t = self
        let (months, o1) = duration.months.multipliedReportingOverflow(by: sign)
        let (days, o2) = duration.days.multipliedReportingOverflow(by: sign)
        let (seconds, o3) = duration.seconds.multipliedReportingOverflow(by: sign)
        guard !o1, !o2, !o3, abs(months) < 12_000_000_000, abs(days) < 400_000_000_000,
            abs(seconds) < 1 << 52
        else { throw CypherRuntimeError(.numberOutOfRange, "the duration is too large") }
        if hasDate {
            let (y, m, d) = Self.civil(epochDay)
            let index = y * 12 + (m - 1) + months
            let ny = index >= 0 ? index / 12 : (index - 11) / 12
            let nm = index - ny * 12 + 1
            t.epochDay = Self.days(year: ny, month: nm, day: min(d, Self.daysInMonth(ny, nm))) + days
            // A date takes the whole days of the duration's seconds.
            if !hasTime { t.epochDay += seconds / 86400 }
        }
        if hasTime {
            let delta = seconds * 1_000_000_000 + sign * duration.nanos
            var nanos = t.nanoOfDay + delta
            var carry = nanos / Self.nanosPerDay
            nanos %= Self.nanosPerDay
            if nanos < 0 {
                nanos += Self.nanosPerDay
                carry -= 1
            }
            t.nanoOfDay = nanos
            if hasDate { t.epochDay += carry }
        }
        if kind == .dateTime, let zone {
            t.offset = Self.offset(zone: zone, epochDay: t.epochDay, nanoOfDay: t.nanoOfDay) ?? offset
        }
        return t
    }

    /// `a + sign * b` for two durations, unit by unit.
    static func addDurations(_ a: Temporal, _ b: Temporal, sign: Int64) throws -> Temporal {
        let (months, o1) = a.months.addingReportingOverflow(b.months * sign)
        let (days, o2) = a.days.addingReportingOverflow(b.days * sign)
        let (seconds, o3) = a.seconds.addingReportingOverflow(b.seconds * sign)
        guard !o1, !o2, !o3, abs(seconds) < Int64.max / 1_000_000_000 - 1 else {
            throw CypherRuntimeError(.integerOverflow, "duration overflow")
        }
        return exactDuration(months: months, days: days, nanos: seconds * 1_000_000_000 + a.nanos + sign * b.nanos)
    }

    /// A duration scaled by `factor`; fractions cascade to smaller units.
    func scaled(by factor: Double) throws -> Temporal {
        try Self.duration(
            months: Double(months) * factor, days: Double(days) * factor,
            seconds: (Double(seconds) + Double(nanos) / 1e9) * factor)
    }
}
