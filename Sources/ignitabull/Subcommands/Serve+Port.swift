#if canImport(Glibc)
import Glibc
#endif

extension Ignitabull.Serve {
    /// Why `host:port` cannot be listened on, or nil when a listening socket can be bound there now.
    /// `serve` asks before it loads the data, so a busy port fails at once and names itself instead of
    /// surfacing as `bind(...) (errno: 98)` after a long load.
    static func bindProblem(host: String, port: Int) -> String? {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            return "the address `\(host)` cannot be resolved (\(String(cString: gai_strerror(rc))))"
        }
        defer { freeaddrinfo(list) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var on: Int32 = 1
        // The server sets SO_REUSEADDR too, so a port in TIME_WAIT is not reported as busy.
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) != 0 else { return nil }
        switch errno {
        case EADDRINUSE:
            return "port \(port) on \(host) is already in use (is another server running?); choose another with --port"
        case EACCES:
            return "port \(port) on \(host) needs privileges this process lacks; choose a port above 1023 with --port"
        case EADDRNOTAVAIL:
            return "the address \(host) is not one of this machine's; choose another with --host"
        default:
            return "cannot listen on \(host):\(port): \(String(cString: strerror(errno)))"
        }
    }
}
