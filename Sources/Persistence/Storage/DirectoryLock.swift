#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock on a data directory (`flock` on `DIR/LOCK`), held for the life of
/// the object, so that a second process opening the same directory fails at once with a clear
/// error. The kernel releases the lock when the process exits, however it exits.
///
/// The file also records the last commit the holder acknowledged (`committed <sequence> <crc>`),
/// rewritten after every commit (without fsync: it is written only once the commit is durable,
/// so whatever value survives a crash was durable). When a later open finds the database
/// behind that number, acknowledged commits were lost to damage (a truncated or damaged
/// write-ahead log, an older copy of `graph.sqlite`), which `GraphStorage` reports.
final class DirectoryLock {
    let path: String
    private let fd: Int32
    /// The last acknowledged commit recorded by the previous holder (nil when none, or the record is unreadable).
    let recordedSequence: Int64?

    init(directory: String) throws(PersistenceError) {
        path = directory + "/LOCK"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw PersistenceError(.io, file: path, "cannot create the lock file: \(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            close(fd)
            if e == EWOULDBLOCK {
                throw PersistenceError(
                    .locked, file: directory,
                    "the data directory is in use by another process (it holds \(path)); stop that process or use another --data directory")
            }
            throw PersistenceError(.io, file: path, "cannot lock: \(String(cString: strerror(e)))")
        }
        self.fd = fd
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = pread(fd, &buffer, buffer.count, 0)
        recordedSequence = n > 0 ? Self.parse(String(decoding: buffer[0..<n], as: UTF8.self)) : nil
    }

    /// The sequence in a `committed <sequence> <crc>` line whose checksum matches.
    static func parse(_ text: String) -> Int64? {
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "committed", let seq = Int64(parts[1]), let crc = Int64(parts[2]) else { continue }
            if crc == RowChecksum.of(.int(seq)) { return seq }
        }
        return nil
    }

    /// Records the holder and the last acknowledged commit.
    func record(sequence: Int64) {
        var text = "pid \(getpid())\ncommitted \(sequence) \(RowChecksum.of(.int(sequence)))\n"
        text.withUTF8 { u in
            _ = pwrite(fd, u.baseAddress, u.count, 0)
            _ = ftruncate(fd, off_t(u.count))
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
