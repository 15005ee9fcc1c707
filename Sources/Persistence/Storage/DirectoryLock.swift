#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock on a data directory (`flock` on `DIR/LOCK`), held for the life of
/// the object, so that a second process opening the same directory fails at once with a clear
/// error. The kernel releases the lock when the process exits, however it exits.
final class DirectoryLock {
    let path: String
    private let fd: Int32

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
        // Record the holder, for people debugging a lock.
        ftruncate(fd, 0)
        var text = "pid \(getpid())\n"
        text.withUTF8 { _ = write(fd, $0.baseAddress, $0.count) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
