import Testing
import VectorKernels

@Suite struct BLASCoreTests {
    @Test func theSSE3FallbackIsReplacedByTheWidestFamilyTheProcessorRuns() {
        #expect(BLAS.preferredCore(chosen: "Prescott", vectorLevel: 2) == "SkylakeX")
        #expect(BLAS.preferredCore(chosen: "Prescott", vectorLevel: 1) == "Haswell")
        #expect(BLAS.preferredCore(chosen: "Prescott", vectorLevel: 0) == nil)
    }

    @Test func aRecognisedProcessorKeepsOpenBLASsChoice() {
        #expect(BLAS.preferredCore(chosen: "Haswell", vectorLevel: 2) == nil)
        #expect(BLAS.preferredCore(chosen: "SkylakeX", vectorLevel: 2) == nil)
        #expect(BLAS.preferredCore(chosen: "Cooperlake", vectorLevel: 2) == nil)
    }
}
