import CBLAS
import CVectorSIMD

extension BLAS {
    /// The kernel family OpenBLAS chose for this processor at load time, e.g. `Haswell` or `SkylakeX`.
    public static var coreName: String {
        guard let c = openblas_get_corename() else { return "unknown" }
        return String(cString: c)
    }

    /// The kernel family to ask OpenBLAS for (through `OPENBLAS_CORETYPE`, read when the library
    /// loads) when it fell back to its oldest x86 kernels on a processor that has AVX2 or AVX-512.
    ///
    /// OpenBLAS 0.3.21 (Debian 12) does not recognise newer processors (Sapphire Rapids among them) and
    /// falls back to `Prescott`, its SSE3 kernels. Those are several times slower, and on such a host
    /// one of them crashed the recommender's model build (a misaligned SSE load in a triangular solve
    /// under `sposv`). `nil` when the chosen family is fine or nothing better is available.
    public static func preferredCore() -> String? {
        preferredCore(chosen: coreName, vectorLevel: cpuVectorLevel)
    }

    /// 2 for AVX-512 (F, CD, BW, DQ, VL), 1 for AVX2 with FMA, 0 otherwise.
    public static var cpuVectorLevel: Int { Int(ign_cpu_vector_level()) }

    /// The rule behind `preferredCore()`, for a given choice and vector level.
    public static func preferredCore(chosen: String, vectorLevel: Int) -> String? {
        guard chosen.lowercased() == "prescott" else { return nil }
        switch vectorLevel {
        case 2...: return "SkylakeX"
        case 1: return "Haswell"
        default: return nil
        }
    }
}
