import Foundation
import Testing

/// The executable restarts itself with `OPENBLAS_CORETYPE` when OpenBLAS falls back to its SSE3
/// kernels on a processor with AVX2 (OpenBLAS 0.3.21 does so on processors it does not know).
@Suite struct OpenBLASCoreTests {
    static let hasAVX2: Bool = {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
        let flags = info.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        return flags.split(separator: " ").contains("avx2")
    }()

    @Test(.enabled(if: hasAVX2, "the processor has no AVX2: OpenBLAS's SSE3 kernels are the right ones"))
    func theBinaryNeverRunsOnTheSSE3FallbackWhenTheProcessorHasAVX2() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_CORETYPE"] = nil
        let r = try CLITests.run(["--version"], environment: environment)
        #expect(r.status == 0)
        let text = r.out
        let blas = text.split(separator: "\n").first { $0.hasPrefix("BLAS ") }.map(String.init) ?? ""
        #expect(blas.contains("OpenBLAS"), "\(text)")
        #expect(!blas.contains(" Prescott "), "\(blas)")
    }
}
