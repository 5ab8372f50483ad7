import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// NSLock and NSCondition are full Foundation's; these are the same pthread primitives without it. (Mutex from
// Synchronization holds its state inside; these guard state kept beside them, as the NSLock code did.)

/// A mutual-exclusion lock (NSLock): lock/unlock, or withLock around a closure.
public final class ThreadLock: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

  public init() { pthread_mutex_init(mutex, nil) }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  public func lock() { pthread_mutex_lock(mutex) }
  public func unlock() { pthread_mutex_unlock(mutex) }

  public func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
    lock()
    defer { unlock() }
    return try body()
  }
}

/// A lock with a condition to wait on (NSCondition): wait with the lock held; broadcast wakes every waiter.
public final class ThreadCondition: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

  public init() {
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(condition, nil)
  }

  deinit {
    pthread_cond_destroy(condition)
    pthread_mutex_destroy(mutex)
    condition.deallocate()
    mutex.deallocate()
  }

  public func lock() { pthread_mutex_lock(mutex) }
  public func unlock() { pthread_mutex_unlock(mutex) }
  public func broadcast() { pthread_cond_broadcast(condition) }
  public func signal() { pthread_cond_signal(condition) }

  /// Waits (the lock held) until signalled or `limit` passes; false when the time ran out.
  @discardableResult
  public func wait(until limit: Date) -> Bool {
    let seconds = max(0, limit.timeIntervalSince1970)
    var deadline = timespec(
      tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1_000_000_000))
    return pthread_cond_timedwait(condition, mutex, &deadline) == 0
  }
}
