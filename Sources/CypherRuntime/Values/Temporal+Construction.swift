import Foundation

extension Temporal {
    static func invalid(_ message: String) -> CypherRuntimeError {
        CypherRuntimeError(.invalidArgumentValue, message)
    }

    /// Builds a temporal of `kind` from a map of fields (`{year: 2015, month: 7, day: 21, timezone: '+01:00'}`).
    static func from(map: [String: Value], kind: Kind) throws -> Temporal {
        func int(_ key: String) throws -> Int64? {
            guard let v = map[key] else { return nil }
            switch v {
            case .int(let i): return i
            case .null: return nil
            default: throw invalid("\(key) must be an integer")
            }
        }
        for key in ["year", "week", "ordinalDay", "quarter", "month", "day", "dayOfWeek", "dayOfQuarter"] {
            if let v = try int(key), abs(v) > 999_999_999 { throw invalid("\(key) out of range") }
        }
        let fractionLimits: [String: Int64] = ["millisecond": 999, "microsecond": 999_999, "nanosecond": 999_999_999]
        for (key, limit) in fractionLimits {
            if let v = try int(key), v < 0 || v > limit { throw invalid("\(key) out of range") }
        }
        for key in ["epochSeconds", "epochMillis"] {
            if let v = try int(key), abs(v) > 1 << 53 { throw invalid("\(key) out of range") }
        }
        var t = Temporal(kind: kind)
        var base: Temporal?
        for key in ["datetime", "date", "time"] { if case .temporal(let b) = map[key] { base = b } }
        var timeBase: Temporal?
        if case .temporal(let b) = map["time"] {
            timeBase = b
        } else if case .temporal(let b) = map["datetime"] {
            timeBase = b
        }
        var dateBase: Temporal?
        if case .temporal(let b) = map["date"] {
            dateBase = b
        } else if case .temporal(let b) = map["datetime"] {
            dateBase = b
        }
        _ = base
        // A zoned base with a new time zone is first converted to that zone (same instant).
        if case .string(let zone) = map["timezone"], let b = timeBase, b.hasOffset {
            let converted = try b.converted(to: zone)
            timeBase = converted
            if case .temporal = map["datetime"] { dateBase = converted }
        }
        if t.hasDate {
            let b = dateBase.flatMap { $0.hasDate ? $0 : nil }
            if let week = try int("week") {
                let weekYear = try int("year") ?? b.map { weekDate($0.epochDay).weekYear } ?? 1970
                let dow = try int("dayOfWeek") ?? b.map { dayOfWeek($0.epochDay) } ?? 1
                t.epochDay = weekOneStart(weekYear) + (week - 1) * 7 + dow - 1
            } else if let ordinal = try int("ordinalDay") {
                let year = try int("year") ?? b?.year ?? 1970
                t.epochDay = days(year: year, month: 1, day: 1) + ordinal - 1
            } else if let quarter = try int("quarter") {
                let year = try int("year") ?? b?.year ?? 1970
                let quarterStart = (quarter - 1) * 3 + 1
                if let dayOfQuarter = try int("dayOfQuarter") {
                    t.epochDay = days(year: year, month: quarterStart, day: 1) + dayOfQuarter - 1
                } else if let b {
                    // Keep the base's month within its quarter and its day of month.
                    let month = quarterStart + (b.month - 1) % 3
                    t.epochDay = days(year: year, month: month, day: min(b.day, daysInMonth(year, month)))
                } else {
                    t.epochDay = days(year: year, month: quarterStart, day: 1)
                }
            } else {
                let year = try int("year") ?? b?.year ?? 1970
                let month = try int("month") ?? b?.month ?? 1
                let day = try int("day") ?? b?.day ?? 1
                guard (1...12).contains(month), (1...31).contains(day) else { throw invalid("invalid date") }
                t.epochDay = days(year: year, month: month, day: day)
                guard civil(t.epochDay) == (year, month, day) else { throw invalid("invalid date") }
            }
        }
        if t.hasTime {
            let b = timeBase.flatMap { $0.hasTime ? $0 : nil }
            let hour = try int("hour") ?? b?.hour ?? 0
            let minute = try int("minute") ?? b?.minute ?? 0
            let second = try int("second") ?? b?.second ?? 0
            var fraction = b?.nanosecond ?? 0
            let ms = try int("millisecond")
            let us = try int("microsecond")
            let ns = try int("nanosecond")
            if ms != nil || us != nil || ns != nil {
                fraction = (ms ?? 0) * 1_000_000 + (us ?? 0) * 1000 + (ns ?? 0)
                if ms == nil, let b { fraction += b.nanosecond / 1_000_000 * 1_000_000 }
            }
            guard (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else {
                throw invalid("invalid time")
            }
            t.nanoOfDay = ((hour * 60 + minute) * 60 + second) * 1_000_000_000 + fraction
        }
        if let epochSeconds = try int("epochSeconds") {
            t.epochDay = Int64((Double(epochSeconds) / 86400).rounded(.down))
            t.nanoOfDay = (epochSeconds - t.epochDay * 86400) * 1_000_000_000 + (try int("nanosecond") ?? 0)
        } else if let epochMillis = try int("epochMillis") {
            t.epochDay = Int64((Double(epochMillis) / 86_400_000).rounded(.down))
            t.nanoOfDay = (epochMillis - t.epochDay * 86_400_000) * 1_000_000
        }
        if t.hasOffset {
            if case .string(let zone) = map["timezone"] {
                try t.setZone(zone)
            } else if let b = timeBase, b.hasOffset {
                t.offset = b.offset
                t.zone = b.zone
                if let zone = b.zone, t.kind == .dateTime {
                    t.offset = offset(zone: zone, epochDay: t.epochDay, nanoOfDay: t.nanoOfDay) ?? b.offset
                }
            }
        }
        return t
    }

    /// The same instant seen in `zone` (an offset or a zone name).
    func converted(to zone: String) throws -> Temporal {
        let nanosPerDay: Int64 = 86_400_000_000_000
        let (dayNanos, overflow) = (kind == .time ? 0 : epochDay).multipliedReportingOverflow(by: nanosPerDay)
        guard !overflow, abs(dayNanos) < Int64.max / 2 else { throw Self.invalid("date out of range for a time zone") }
        let instant = dayNanos + nanoOfDay - Int64(offset) * 1_000_000_000
        var newOffset: Int
        var zoneName: String?
        if let o = Self.parseOffset(Substring(zone)) {
            newOffset = o
        } else {
            guard let tz = TimeZone(identifier: zone) else { throw Self.invalid("unknown time zone \(zone)") }
            let seconds = Double(instant / 1_000_000_000)
            newOffset = tz.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))
            zoneName = zone
        }
        let local = instant + Int64(newOffset) * 1_000_000_000
        var t = self
        t.epochDay = local >= 0 ? local / nanosPerDay : (local - nanosPerDay + 1) / nanosPerDay
        t.nanoOfDay = local - t.epochDay * nanosPerDay
        if kind == .time { t.epochDay = 0 }
        t.offset = newOffset
        t.zone = kind == .time ? nil : zoneName
        return t
    }

    /// Sets the offset from `Z`, `+01:00`, `-0130`, `+01` or a zone name.
    mutating func setZone(_ text: String) throws {
        if let seconds = Self.parseOffset(Substring(text)) {
            offset = seconds
            zone = nil
        } else {
            guard let o = Self.offset(zone: text, epochDay: epochDay, nanoOfDay: nanoOfDay) else {
                throw Self.invalid("unknown time zone \(text)")
            }
            if kind == .time {
                offset = o
            } else {
                offset = o
                zone = text
            }
        }
    }

    static func parseOffset(_ s: Substring) -> Int? {
        if s == "Z" { return 0 }
        guard let sign = s.first, sign == "+" || sign == "-" else { return nil }
        let digits = s.dropFirst().filter { $0 != ":" }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), [2, 4, 6].contains(digits.count) else { return nil }
        let chars = Array(digits)
        let h = Int(String(chars[0..<2]))!
        let m = chars.count >= 4 ? Int(String(chars[2..<4]))! : 0
        let sec = chars.count == 6 ? Int(String(chars[4..<6]))! : 0
        let total = h * 3600 + m * 60 + sec
        return sign == "-" ? -total : total
    }

    /// Parses an ISO 8601 string into a temporal of `kind`.
    static func parse(_ text: String, kind: Kind) throws -> Temporal {
        var t = Temporal(kind: kind)
        var rest = Substring(text)
        if kind == .duration { return try parseDuration(text) }
        if t.hasDate {
            let datePart: Substring
            if let tIndex = rest.firstIndex(of: "T") {
                datePart = rest[..<tIndex]
                rest = rest[rest.index(after: tIndex)...]
            } else {
                datePart = rest
                rest = ""
            }
            t.epochDay = try parseDate(datePart)
        }
        if t.hasTime, !rest.isEmpty {
            var zoneName: String?
            if let open = rest.firstIndex(of: "[") {
                zoneName = String(rest[rest.index(after: open)...].dropLast())
                rest = rest[..<open]
            }
            var offsetText: Substring?
            if let i = rest.firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
                offsetText = rest[i...]
                rest = rest[..<i]
            }
            t.nanoOfDay = try parseTime(rest)
            if t.hasOffset {
                if let offsetText {
                    guard let o = parseOffset(offsetText) else { throw invalid("invalid offset") }
                    t.offset = o
                }
                if let zoneName { try t.setZone(zoneName) }
            }
        }
        return t
    }

    static func number(_ s: Substring) throws -> Int64 {
        guard !s.isEmpty, s.count <= 10, s.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int64(s) else {
            throw invalid("invalid number \(s)")
        }
        return v
    }

    static func parseDate(_ text: Substring) throws -> Int64 {
        var s = text
        var yearSign: Int64 = 1
        if s.first == "+" || s.first == "-" {
            yearSign = s.first == "-" ? -1 : 1
            s = s.dropFirst()
            if let dash = s.firstIndex(of: "-") {
                let year = try number(s[..<dash]) * yearSign
                return try parseDate(Substring(pad(year >= 0 ? year : 0, 4)) + s[dash...], yearOverride: year)
            }
        }
        return try parseDate(s, yearOverride: nil)
    }

    static func parseDate(_ s: Substring, yearOverride: Int64?) throws -> Int64 {
        let dashed = s.contains("-")
        let parts = dashed ? s.split(separator: "-", omittingEmptySubsequences: false) : []
        if dashed {
            let year = try yearOverride ?? number(parts[0])
            if parts.count == 2, parts[1].hasPrefix("W") {
                return weekOneStart(year) + (try number(parts[1].dropFirst()) - 1) * 7
            }
            if parts.count == 3, parts[1].hasPrefix("W") {
                return weekOneStart(year) + (try number(parts[1].dropFirst()) - 1) * 7 + (try number(parts[2])) - 1
            }
            if parts.count == 2, parts[1].count == 3 {
                return days(year: year, month: 1, day: 1) + (try number(parts[1])) - 1
            }
            let month = try number(parts[1])
            let day = parts.count > 2 ? try number(parts[2]) : 1
            return days(year: year, month: month, day: day)
        }
        let year = try number(s.prefix(4))
        let r = s.dropFirst(4)
        if r.hasPrefix("W") {
            let week = try number(r.dropFirst().prefix(2))
            let dow = r.count > 3 ? try number(r.dropFirst(3)) : 1
            return weekOneStart(year) + (week - 1) * 7 + dow - 1
        }
        switch r.count {
        case 0: return days(year: year, month: 1, day: 1)
        case 2: return days(year: year, month: try number(r), day: 1)
        case 3: return days(year: year, month: 1, day: 1) + (try number(r)) - 1
        case 4: return days(year: year, month: try number(r.prefix(2)), day: try number(r.suffix(2)))
        default: throw invalid("invalid date \(s)")
        }
    }

    static func parseTime(_ s: Substring) throws -> Int64 {
        var main = s
        var fraction: Int64 = 0
        if let dot = s.firstIndex(where: { $0 == "." || $0 == "," }) {
            main = s[..<dot]
            var digits = String(s[s.index(after: dot)...])
            guard digits.count <= 9 else { throw invalid("too many fraction digits") }
            digits += String(repeating: "0", count: 9 - digits.count)
            fraction = try number(Substring(digits))
        }
        let parts: [Substring] =
            main.contains(":")
            ? main.split(separator: ":")
            : stride(from: 0, to: main.count, by: 2).map { i in
                main.dropFirst(i).prefix(2)
            }
        guard !parts.isEmpty else { throw invalid("invalid time \(s)") }
        let h = try number(parts[0])
        let m = parts.count > 1 ? try number(parts[1]) : 0
        let sec = parts.count > 2 ? try number(parts[2]) : 0
        guard h < 24, m < 60, sec < 60 else { throw invalid("invalid time \(s)") }
        return ((h * 60 + m) * 60 + sec) * 1_000_000_000 + fraction
    }
}
