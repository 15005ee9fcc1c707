#if canImport(Glibc)
    import Glibc
#endif
import VectorKernels

/// Starts the process again with `OPENBLAS_CORETYPE` set when OpenBLAS fell back to its SSE3
/// kernels on a processor with AVX2 or AVX-512 (see `BLAS.preferredCore`). OpenBLAS reads the
/// variable only when it loads, so setting it in the running process changes nothing. A variable
/// the user set is left alone, and so the second start never starts a third.
enum OpenBLASCore {
    static func restartWithPreferredCoreIfNeeded() {
        #if os(Linux)
            guard getenv("OPENBLAS_CORETYPE") == nil, let core = BLAS.preferredCore() else { return }
            setenv("OPENBLAS_CORETYPE", core, 1)
            execv("/proc/self/exe", CommandLine.unsafeArgv)
            // Only reached when exec failed: go on with the kernels OpenBLAS chose.
            Output.write(2, "warning: OpenBLAS chose \(BLAS.coreName) kernels; restarting with \(core) failed (errno \(errno))\n")
        #endif
    }
}
