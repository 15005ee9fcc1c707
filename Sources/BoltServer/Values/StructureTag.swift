/// PackStream structure tags of Bolt's graph and temporal values (Bolt 4.4 and 5.x).
enum StructureTag {
    static let node: UInt8 = 0x4E  // N
    static let relationship: UInt8 = 0x52  // R
    static let unboundRelationship: UInt8 = 0x72  // r
    static let path: UInt8 = 0x50  // P
    static let date: UInt8 = 0x44  // D
    static let time: UInt8 = 0x54  // T
    static let localTime: UInt8 = 0x74  // t
    static let dateTime: UInt8 = 0x49  // I: UTC seconds, nanos, offset (5.x, or 4.4 with the utc patch)
    static let dateTimeZoneID: UInt8 = 0x69  // i: UTC seconds, nanos, zone id
    static let legacyDateTime: UInt8 = 0x46  // F: local seconds, nanos, offset (4.4)
    static let legacyDateTimeZoneID: UInt8 = 0x66  // f: local seconds, nanos, zone id (4.4)
    static let localDateTime: UInt8 = 0x64  // d
    static let duration: UInt8 = 0x45  // E
    static let point2D: UInt8 = 0x58  // X
    static let point3D: UInt8 = 0x59  // Y
}
