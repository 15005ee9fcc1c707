#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory map of a whole file. The mapping lives as long as the object.
///
/// Pages are read from disk on first touch, so a model's resident size grows only with
/// the parts that inference reads (the word-embedding table is touched row by row).
final class MappedFile: @unchecked Sendable {
    /// The first byte of the mapping.
    let base: UnsafeRawPointer
    /// The file's size in bytes.
    let count: Int

    init(path: String) throws(EmbeddingsError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw EmbeddingsError(.modelMissing, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw EmbeddingsError(.io, "cannot stat \(path): \(String(cString: strerror(errno)))")
        }
        let size = Int(info.st_size)
        guard size > 0 else { throw EmbeddingsError(.badModelFile, "\(path) is empty") }
        guard let raw = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), raw != MAP_FAILED else {
            throw EmbeddingsError(.io, "cannot map \(path): \(String(cString: strerror(errno)))")
        }
        base = UnsafeRawPointer(raw)
        count = size
    }

    /// Drops the whole pages inside `range` (byte offsets) from memory. They are read from the
    /// file again if touched later; use it for data that was copied elsewhere.
    func releasePages(_ range: Range<Int>) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return }
        let start = (range.lowerBound + page - 1) / page * page
        let end = min(range.upperBound, count) / page * page
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), count)
    }
}
