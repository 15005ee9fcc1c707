#if canImport(Glibc)
    import Glibc
#endif

/// A value that many threads read at once and one writer replaces now and then: the published
/// snapshot. Readers share a read lock (a reader-writer lock that prefers writers, so a stream of
/// readers cannot starve a commit), so concurrent readers never queue behind each other the way
/// they do on an exclusive mutex, which under load sends every contended acquisition to the kernel.
final class PublishedValue<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init(_ value: Value) {
        self.value = value
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_rwlock_t())
        var attributes = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attributes)
        pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        pthread_rwlock_init(lock, &attributes)
        pthread_rwlockattr_destroy(&attributes)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deinitialize(count: 1)
        lock.deallocate()
    }

    /// The current value.
    func load() -> Value {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return value
    }

    /// Replaces the value; the old one is released after the lock is let go.
    func store(_ newValue: Value) {
        pthread_rwlock_wrlock(lock)
        let old = value
        value = newValue
        pthread_rwlock_unlock(lock)
        _ = old
    }
}
