import Foundation
import Synchronization
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A TCP proxy between the mirror and its target that injects network faults while `chaos` is on:
/// every so often it either arms a drop, which cuts the next connection that moves bytes halfway
/// through a chunk (a request cut on its way to the target is lost before the target saw it; an answer
/// cut on its way back is lost after the target applied the request), or stalls all forwarding for
/// longer than the mirror's request timeout. `faults` counts both; `droppedAnswers` counts the cuts
/// on the way back.
final class FaultProxy: @unchecked Sendable {
    let port: Int
    private let target: Int
    private let listener: Int32
    private let connections = Mutex<[Int32]>([])
    private let stalledUntil = Atomic<Int64>(0)
    private let running = Atomic<Bool>(true)
    let chaos = Atomic<Bool>(false)
    let drops = Atomic<Int>(0)
    let droppedAnswers = Atomic<Int>(0)
    private let dropArmed = Atomic<Bool>(false)
    let stalls = Atomic<Int>(0)
    var faults: Int { drops.load(ordering: .relaxed) + stalls.load(ordering: .relaxed) }

    var url: String { "http://127.0.0.1:\(port)" }

    /// - Parameters: target: the port to forward to on 127.0.0.1; every: seconds between faults;
    ///   stall: how long a stall holds the bytes.
    init(target: Int, every: Double = 0.4, stall: Double = 3, seed: UInt64 = 7) throws {
        self.target = target
        port = freeLocalPort()
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = Self.address(port)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else { throw POSIXError(.EADDRINUSE) }
        Thread.detachNewThread { [self] in acceptLoop() }
        Thread.detachNewThread { [self] in
            var rng = SplitMix64(seed: seed)
            while running.load(ordering: .relaxed) {
                usleep(UInt32(every * 1_000_000))
                guard chaos.load(ordering: .relaxed) else { continue }
                if rng.next() % 4 == 0 {
                    stalls.add(1, ordering: .relaxed)
                    stalledUntil.store(Self.nowMillis() + Int64(stall * 1000), ordering: .relaxed)
                    usleep(UInt32(stall * 1_000_000))
                } else {
                    dropArmed.store(true, ordering: .relaxed)
                }
            }
        }
    }

    func stop() {
        running.store(false, ordering: .relaxed)
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for fd in connections.withLock({ $0 }) { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while running.load(ordering: .relaxed) {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = Self.address(target)
            let ok = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard ok == 0 else {
                close(client)
                close(upstream)
                continue
            }
            connections.withLock { $0 += [client, upstream] }
            let closed = Atomic<Int>(0)
            for (from, to) in [(client, upstream), (upstream, client)] {
                Thread.detachNewThread { [self] in
                    pump(from, to, answers: from == upstream)
                    shutdown(from, Int32(SHUT_RDWR))
                    shutdown(to, Int32(SHUT_RDWR))
                    // The second pump to finish closes both descriptors.
                    if closed.add(1, ordering: .acquiringAndReleasing).newValue == 2 {
                        connections.withLock { $0.removeAll { $0 == client || $0 == upstream } }
                        close(client)
                        close(upstream)
                    }
                }
            }
        }
    }

    private func pump(_ from: Int32, _ to: Int32, answers: Bool) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            var n = buffer.withUnsafeMutableBytes { recv(from, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return }
            while Self.nowMillis() < stalledUntil.load(ordering: .relaxed) { usleep(20_000) }
            let cut = chaos.load(ordering: .relaxed)
                && dropArmed.compareExchange(expected: true, desired: false, ordering: .relaxed).exchanged
            if cut {
                drops.add(1, ordering: .relaxed)
                if answers { droppedAnswers.add(1, ordering: .relaxed) }
                n /= 2
            }
            defer { if cut { shutdown(from, Int32(SHUT_RDWR)); shutdown(to, Int32(SHUT_RDWR)) } }
            var sent = 0
            while sent < n {
                let m = buffer.withUnsafeBytes { send(to, $0.baseAddress! + sent, n - sent, Int32(MSG_NOSIGNAL)) }
                guard m > 0 else { return }
                sent += m
            }
            if cut { return }
        }
    }

    private static func address(_ port: Int) -> sockaddr_in {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        return addr
    }

    private static func nowMillis() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Int64(t.tv_sec) * 1000 + Int64(t.tv_nsec / 1_000_000)
    }
}
