import Dispatch

/// Runs blocking engine work (Cypher, durable writes, text embedding) on a dispatch queue instead
/// of Swift's cooperative thread pool, which has one thread per core: a long query there would
/// stall every other request, `/health` included.
enum BlockingWork {
    private static let queue = DispatchQueue(label: "ignitabull.blocking-work", qos: .userInitiated, attributes: .concurrent)

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }
}
