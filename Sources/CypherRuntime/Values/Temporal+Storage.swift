public import GraphStore

/// Temporal values as stored properties.
///
/// `PropertyValue` has no temporal case, so a temporal is stored as a map tagged with the key `tag` (a key that
/// Cypher cannot write, since maps are not valid property values in Cypher). Reading a property decodes it back.
extension Temporal {
    static let tag = "\u{1}temporal"

    /// The stored form.
    public var propertyValue: PropertyValue {
        var m: [String: PropertyValue] = [
            Self.tag: .string(kind.rawValue), "epochDay": .int(epochDay), "nanoOfDay": .int(nanoOfDay),
            "offset": .int(Int64(offset)), "months": .int(months), "days": .int(days), "seconds": .int(seconds),
            "nanos": .int(nanos),
        ]
        if let zone { m["zone"] = .string(zone) }
        return .map(m)
    }

    /// Decodes a stored temporal; nil for any other map.
    public init?(stored m: [String: PropertyValue]) {
        guard case .string(let k) = m[Self.tag], let kind = Kind(rawValue: k) else { return nil }
        func int(_ key: String) -> Int64 { m[key]?.intValue ?? 0 }
        self.init(kind: kind)
        epochDay = int("epochDay")
        nanoOfDay = int("nanoOfDay")
        offset = Int(truncatingIfNeeded: int("offset"))
        months = int("months")
        days = int("days")
        seconds = int("seconds")
        nanos = int("nanos")
        zone = m["zone"]?.stringValue
    }
}
