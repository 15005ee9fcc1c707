extension Temporal {
    /// `kind.truncate(unit, source, overrides)`: `source` cut down to `unit`, then the fields in `overrides` set.
    static func truncate(_ unit: String, _ source: Temporal, kind: Kind, overrides: [String: Value]) throws -> Temporal
    {
        var epochDay = source.hasDate ? source.epochDay : 0
        var nanos = source.hasTime ? source.nanoOfDay : 0
        var (year, month, _) = civil(epochDay)
        func startOfYear(_ y: Int64) {
            epochDay = days(year: y, month: 1, day: 1)
            nanos = 0
        }
        switch unit {
        case "millennium": startOfYear(year >= 0 ? year / 1000 * 1000 : (year - 999) / 1000 * 1000)
        case "century": startOfYear(year >= 0 ? year / 100 * 100 : (year - 99) / 100 * 100)
        case "decade": startOfYear(year >= 0 ? year / 10 * 10 : (year - 9) / 10 * 10)
        case "year": startOfYear(year)
        case "weekYear":
            epochDay = weekOneStart(weekDate(epochDay).weekYear)
            nanos = 0
        case "quarter":
            month = (month - 1) / 3 * 3 + 1
            epochDay = days(year: year, month: month, day: 1)
            nanos = 0
        case "month":
            epochDay = days(year: year, month: month, day: 1)
            nanos = 0
        case "week":
            epochDay -= dayOfWeek(epochDay) - 1
            nanos = 0
        case "day": nanos = 0
        case "hour": nanos -= nanos % 3_600_000_000_000
        case "minute": nanos -= nanos % 60_000_000_000
        case "second": nanos -= nanos % 1_000_000_000
        case "millisecond": nanos -= nanos % 1_000_000
        case "microsecond": nanos -= nanos % 1000
        default: throw invalid("unknown truncation unit \(unit)")
        }
        let (y, m, d) = civil(epochDay)
        var fields: [String: Value] = [:]
        if overrides["dayOfWeek"] != nil {
            let w = weekDate(epochDay)
            fields["year"] = .int(w.weekYear)
            fields["week"] = .int(w.week)
        } else {
            fields["year"] = .int(y)
            fields["month"] = .int(m)
            fields["day"] = .int(d)
        }
        let fraction = nanos % 1_000_000_000
        fields["hour"] = .int(nanos / 3_600_000_000_000)
        fields["minute"] = .int(nanos / 60_000_000_000 % 60)
        fields["second"] = .int(nanos / 1_000_000_000 % 60)
        fields["millisecond"] = .int(fraction / 1_000_000)
        fields["microsecond"] = .int(fraction / 1000 % 1000)
        fields["nanosecond"] = .int(fraction % 1000)
        if source.hasOffset { fields["timezone"] = .string(source.zone ?? offsetText(source.offset)) }
        for (k, v) in overrides { fields[k] = v }
        return try from(map: fields, kind: kind)
    }
}
