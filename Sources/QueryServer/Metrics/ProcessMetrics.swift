#if canImport(Glibc)
import Glibc
#endif

/// The standard `process_*` metrics that Prometheus client libraries export, read from `/proc`
/// on Linux: CPU seconds, resident and virtual memory, open and maximum file descriptors, and
/// the start time. Elsewhere the list is empty.
enum ProcessMetrics {
    struct Sample {
        let name: String
        let help: String
        let type: String
        let value: Double
    }

    static func sample() -> [Sample] {
        #if os(Linux)
        var out: [Sample] = []
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let page = Double(sysconf(Int32(_SC_PAGESIZE)))
        // /proc/self/stat: the command is in parentheses and may hold spaces, so fields are counted after the last ')'.
        if let stat = read("/proc/self/stat"), let close = stat.lastIndex(of: ")") {
            let f = stat[stat.index(after: close)...].split(separator: " ")
            // After ')': state is field 3, so field n is f[n - 3].
            if f.count > 21, let ut = Double(f[11]), let st = Double(f[12]), let start = Double(f[19]),
                let vsize = Double(f[20]), let rss = Double(f[21])
            {
                out.append(Sample(name: "process_cpu_seconds_total", help: "User and system CPU time spent in seconds.", type: "counter", value: (ut + st) / ticks))
                out.append(Sample(name: "process_virtual_memory_bytes", help: "Virtual memory size in bytes.", type: "gauge", value: vsize))
                out.append(Sample(name: "process_resident_memory_bytes", help: "Resident memory size in bytes.", type: "gauge", value: rss * page))
                if let boot = bootTime() {
                    out.append(Sample(name: "process_start_time_seconds", help: "Start time of the process since unix epoch in seconds.", type: "gauge", value: boot + start / ticks))
                }
            }
        }
        if let dir = opendir("/proc/self/fd") {
            var n = 0
            while readdir(dir) != nil { n += 1 }
            closedir(dir)
            // Less ".", ".." and the descriptor opendir itself held.
            out.append(Sample(name: "process_open_fds", help: "Number of open file descriptors.", type: "gauge", value: Double(max(0, n - 3))))
        }
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 {
            out.append(Sample(name: "process_max_fds", help: "Maximum number of open file descriptors.", type: "gauge", value: Double(limit.rlim_cur)))
        }
        return out
        #else
        return []
        #endif
    }

    private static func bootTime() -> Double? {
        guard let text = read("/proc/stat") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingPrefix(" "))
        }
        return nil
    }

    private static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, 4096) }
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
