#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import BoltServer

/// A blocking TCP client that sends raw bytes: hostile input the drivers would never send.
final class RawBoltClient {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { throw BoltError("Test.ConnectFailed", "connect: \(errno)") }
    }

    deinit { close(fd) }

    func write(_ bytes: [UInt8]) { _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }

    /// Exactly `n` bytes, or fewer when the server closed the connection (or 5 s passed).
    func read(_ n: Int) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while out.count < n {
            let got = recv(fd, &buffer, min(buffer.count, n - out.count), 0)
            if got <= 0 { break }
            out += buffer[0 ..< got]
        }
        return out
    }

    /// Whether the server closed the connection (a read returns end of file).
    func isClosedByServer() -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) == 0
    }

    /// Handshake offering 5.6 and 4.4; returns the chosen version bytes.
    func handshake() -> [UInt8] {
        write(BoltVersion.magic + [0, 0, 6, 5, 0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0])
        return read(4)
    }

    func send(_ message: PackValue) { write(ChunkFramer.frame(PackStreamEncoder.encode(message))) }

    /// The next whole message from the server, or nil when the connection closed.
    func receive() -> PackValue? {
        var message: [UInt8] = []
        while true {
            let header = read(2)
            guard header.count == 2 else { return nil }
            let size = Int(header[0]) << 8 | Int(header[1])
            if size == 0 { break }
            let body = read(size)
            guard body.count == size else { return nil }
            message += body
        }
        return try? PackStreamDecoder.decode(message)
    }

    /// HELLO and LOGON (Bolt 5.6).
    func login() -> Bool {
        send(.structure(tag: BoltMessage.hello, fields: [["user_agent": "raw/1"]]))
        send(.structure(tag: BoltMessage.logon, fields: [["scheme": "basic", "principal": "u", "credentials": "p"]]))
        return tag(receive()) == BoltMessage.success && tag(receive()) == BoltMessage.success
    }
}

extension RawBoltClient {
    /// Everything the server sends until it closes the connection or is quiet for `quiet` milliseconds (the
    /// first bytes are awaited up to 5 s: a loaded machine can take longer than `quiet` to answer at all).
    func readUntilQuiet(quiet milliseconds: Int, awaitFirst: Bool) -> [UInt8] {
        var out = awaitFirst ? read(1) : []
        if awaitFirst && out.isEmpty { return out }
        var timeout = timeval(tv_sec: 0, tv_usec: milliseconds * 1000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let got = recv(fd, &buffer, buffer.count, 0)
            if got <= 0 { return out }
            out += buffer[0 ..< got]
        }
    }
}
