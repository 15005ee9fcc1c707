extension Temporal {
    static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(abs(v))
        return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func fraction(_ nanos: Int64) -> String {
        guard nanos != 0 else { return "" }
        var s = pad(nanos, 9)
        while s.hasSuffix("0") { s.removeLast() }
        return "." + s
    }

    static func offsetText(_ seconds: Int) -> String {
        if seconds == 0 { return "Z" }
        let sign = seconds < 0 ? "-" : "+"
        let a = abs(seconds)
        var text = sign + pad(Int64(a / 3600), 2) + ":" + pad(Int64(a / 60 % 60), 2)
        if a % 60 != 0 { text += ":" + pad(Int64(a % 60), 2) }
        return text
    }

    var dateText: String {
        let (y, m, d) = Self.civil(epochDay)
        let yearText = y > 9999 ? "+" + String(y) : (y < 0 ? "-" + Self.pad(-y, 4) : Self.pad(y, 4))
        return yearText + "-" + Self.pad(m, 2) + "-" + Self.pad(d, 2)
    }

    var timeText: String {
        var text = Self.pad(hour, 2) + ":" + Self.pad(minute, 2)
        if second != 0 || nanosecond != 0 { text += ":" + Self.pad(second, 2) + Self.fraction(nanosecond) }
        return text
    }

    /// The Cypher `toString` form.
    public var text: String {
        switch kind {
        case .date: return dateText
        case .localTime: return timeText
        case .time: return timeText + Self.offsetText(offset)
        case .localDateTime: return dateText + "T" + timeText
        case .dateTime:
            var text = dateText + "T" + timeText
            if let zone {
                if zone != "UTC" || offset != 0 { text += Self.offsetText(offset) } else { text += "Z" }
                text += "[\(zone)]"
            } else {
                text += Self.offsetText(offset)
            }
            return text
        case .duration: return durationText
        }
    }

    var durationText: String {
        var text = "P"
        let y = months / 12
        let mo = months % 12
        if y != 0 { text += "\(y)Y" }
        if mo != 0 { text += "\(mo)M" }
        if days != 0 { text += "\(days)D" }
        var secs = seconds
        var ns = nanos
        if secs < 0 && ns > 0 {
            secs += 1
            ns -= 1_000_000_000
        }
        let h = secs / 3600
        let m = secs % 3600 / 60
        let s = secs % 60
        if h != 0 || m != 0 || s != 0 || ns != 0 {
            text += "T"
            if h != 0 { text += "\(h)H" }
            if m != 0 { text += "\(m)M" }
            if s != 0 || ns != 0 {
                let negative = s < 0 || ns < 0
                text += (negative && s == 0 ? "-" : "") + "\(s)" + Self.fraction(abs(ns)) + "S"
            }
        }
        return text == "P" ? "PT0S" : text
    }
}
