#if canImport(Glibc)
    import Glibc
#endif

extension BLAS {
    /// Starts the process again with `OPENBLAS_CORETYPE` set when OpenBLAS fell back to its SSE3
    /// kernels on a processor with AVX2 or AVX-512 (see `preferredCore()`). OpenBLAS reads the
    /// variable only when it loads, so setting it in the running process changes nothing. A variable
    /// the user set is left alone, and so the second start never starts a third. Call it first thing
    /// in `main`, before any thread starts; it returns (after a warning on standard error) only when
    /// no restart is needed or `execv` failed.
    public static func restartWithPreferredCoreIfNeeded() {
        #if os(Linux)
            guard getenv("OPENBLAS_CORETYPE") == nil, let core = preferredCore() else { return }
            setenv("OPENBLAS_CORETYPE", core, 1)
            execv("/proc/self/exe", CommandLine.unsafeArgv)
            // Only reached when exec failed: go on with the kernels OpenBLAS chose.
            let message = "warning: OpenBLAS chose \(coreName) kernels; restarting with \(core) failed (errno \(errno))\n"
            _ = message.withCString { write(2, $0, strlen($0)) }
        #endif
    }
}
