import Dispatch

/// Runs blocking work (a probe, getaddrinfo, a wait on a socket) on a serial queue of its own.
///
/// On Linux, libdispatch serves its global concurrent queues with about one thread per CPU and adds another only
/// once a second; work that blocks there waits behind other blocked work, in whole seconds, until the deadline.
/// Serial queues are served by the overcommitting pool and get a thread each, at once. Every blocking job in
/// regdoctor goes through here, so no part of a diagnosis can starve another.
public func runBlocking(
  _ label: String, qos: DispatchQoS = .userInitiated, group: DispatchGroup? = nil,
  _ work: @escaping @Sendable () -> Void
) {
  let queue = DispatchQueue(label: "regdoctor.\(label)", qos: qos)
  if let group {
    queue.async(group: group, execute: work)
  } else {
    queue.async(execute: work)
  }
}
