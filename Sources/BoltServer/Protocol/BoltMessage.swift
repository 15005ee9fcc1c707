/// Bolt message tags (requests from the client, responses from the server).
enum BoltMessage {
    static let hello: UInt8 = 0x01
    static let goodbye: UInt8 = 0x02
    static let reset: UInt8 = 0x0F
    static let run: UInt8 = 0x10
    static let begin: UInt8 = 0x11
    static let commit: UInt8 = 0x12
    static let rollback: UInt8 = 0x13
    static let discard: UInt8 = 0x2F
    static let pull: UInt8 = 0x3F
    static let telemetry: UInt8 = 0x54
    static let route: UInt8 = 0x66
    static let logon: UInt8 = 0x6A
    static let logoff: UInt8 = 0x6B

    static let success: UInt8 = 0x70
    static let record: UInt8 = 0x71
    static let ignored: UInt8 = 0x7E
    static let failure: UInt8 = 0x7F

    static func name(_ tag: UInt8) -> String {
        switch tag {
        case hello: "HELLO"
        case goodbye: "GOODBYE"
        case reset: "RESET"
        case run: "RUN"
        case begin: "BEGIN"
        case commit: "COMMIT"
        case rollback: "ROLLBACK"
        case discard: "DISCARD"
        case pull: "PULL"
        case telemetry: "TELEMETRY"
        case route: "ROUTE"
        case logon: "LOGON"
        case logoff: "LOGOFF"
        default: "0x" + String(tag, radix: 16, uppercase: true)
        }
    }

    static func success(_ metadata: [(String, PackValue)] = []) -> PackValue {
        .structure(tag: success, fields: [.map(metadata)])
    }

    static func failure(_ error: BoltError, _ version: BoltVersion) -> PackValue {
        .structure(tag: failure, fields: [.map(error.failureMetadata(version))])
    }

    static let ignoredMessage = PackValue.structure(tag: ignored, fields: [])
}
