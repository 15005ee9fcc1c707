/// Pieces of the Prometheus text exposition format.
package enum PrometheusText {
    /// A label value as the format requires: backslash, double quote and line feed escaped, so a
    /// client-chosen value (an HTTP method is any token) cannot end the label or the line.
    package static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for c in value.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
