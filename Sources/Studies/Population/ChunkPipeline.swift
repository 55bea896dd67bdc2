import Dispatch
import Foundation

/// Chunks processed concurrently by `DispatchQueue.concurrentPerform`, emitted strictly in chunk
/// order. At most `ahead` chunks past the next one to emit are in flight, so memory stays bounded
/// however many chunks there are. The first error stops the work and is rethrown.
public enum ChunkPipeline {
    final class State<T>: @unchecked Sendable {
        let lock = NSCondition()
        var nextChunk = 0
        var nextEmit = 0
        var ready: [Int: T] = [:]
        var emitting = false
        var failure: Error?
    }

    /// Runs `process` on `chunks` chunks over `threads` workers and calls `emit` in chunk order, at
    /// most `ahead` chunks ahead of the next to emit; rethrows the first error. `finish`, when
    /// given, runs on each worker's own thread once no chunk is left for it (not after an error):
    /// the workers' last work in parallel, while the others still process their last chunks.
    public static func run<T: Sendable>(
        chunks: Int, threads: Int, ahead: Int,
        process: @escaping @Sendable (_ worker: Int, _ chunk: Int) throws -> T,
        emit: @escaping @Sendable (_ chunk: Int, T) throws -> Void,
        finish: (@Sendable (_ worker: Int) -> Void)? = nil
    ) throws {
        guard chunks > 0 else { return }
        let st = State<T>()
        let window = Swift.max(1, ahead)
        DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(threads, chunks))) { worker in
            while true {
                st.lock.lock()
                while st.failure == nil && st.nextChunk < chunks && st.nextChunk >= st.nextEmit + window { st.lock.wait() }
                if st.failure != nil || st.nextChunk >= chunks {
                    let failed = st.failure != nil
                    st.lock.unlock()
                    if !failed { finish?(worker) }
                    return
                }
                let c = st.nextChunk
                st.nextChunk += 1
                st.lock.unlock()
                let value: T
                do { value = try process(worker, c) } catch {
                    st.lock.lock()
                    if st.failure == nil { st.failure = error }
                    st.lock.broadcast()
                    st.lock.unlock()
                    return
                }
                st.lock.lock()
                st.ready[c] = value
                if !st.emitting {
                    st.emitting = true
                    while st.failure == nil, let v = st.ready.removeValue(forKey: st.nextEmit) {
                        let index = st.nextEmit
                        st.lock.unlock()
                        var err: Error? = nil
                        do { try emit(index, v) } catch { err = error }
                        st.lock.lock()
                        if let err, st.failure == nil { st.failure = err }
                        st.nextEmit += 1
                        st.lock.broadcast()
                    }
                    st.emitting = false
                }
                st.lock.unlock()
            }
        }
        if let f = st.failure { throw f }
    }
}
