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
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = ["--version"]
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_CORETYPE"] = nil
        p.environment = environment
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let blas = text.split(separator: "\n").first { $0.hasPrefix("BLAS ") }.map(String.init) ?? ""
        #expect(blas.contains("OpenBLAS"), "\(text)")
        #expect(!blas.contains(" Prescott "), "\(blas)")
    }
}
