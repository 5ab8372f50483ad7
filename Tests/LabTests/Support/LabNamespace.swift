import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A network namespace of its own (`rdlab-<pid>-<n>`): `lo` plus one link `d0` carrying the scenario's addresses,
/// only connected routes (no way out of the machine), its own /etc/netns/NAME/{resolv.conf,hosts} (which
/// `ip netns exec` bind-mounts over /etc), and the processes started inside it. `destroy()` removes all of it.
final class LabNamespace: @unchecked Sendable {
  static let namePrefix = "rdlab-"
  let name: String
  /// Scratch directory for configs, certificates, sockets and logs: /tmp/NAME.
  let workDirectory: URL
  private let lock = NSLock()
  private var processes: [LabProcess] = []
  private var cleanups: [() -> Void] = []
  private var destroyed = false

  var etcDirectory: URL { URL(fileURLWithPath: "/etc/netns/\(name)") }

  /// Makes the namespace and puts `addresses` (IPv4, each as a /24) on its link.
  init(addresses: [String]) throws {
    name = "\(Self.namePrefix)\(getpid())-\(Self.sequence.next())"
    workDirectory = URL(fileURLWithPath: "/tmp/\(name)")
    try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
    do {
      try Command.run(["ip", "netns", "add", name])
      try ip(["link", "set", "lo", "up"])
      try addLink()
      for address in Set(addresses).sorted() {
        // IPv6 (ULA, fd00::/8) on the namespace's own link, usable at once (no duplicate address detection).
        try ip(
          ["addr", "add"] + (address.contains(":") ? ["\(address)/64", "nodad"] : ["\(address)/24"]) + ["dev", "d0"])
      }
    } catch {
      destroy()
      throw error
    }
  }

  /// Writes the files `ip netns exec` mounts over /etc/resolv.conf and /etc/hosts inside the namespace.
  func writeEtc(resolvConf: String, hosts: String) throws {
    try FileManager.default.createDirectory(at: etcDirectory, withIntermediateDirectories: true)
    try resolvConf.write(
      to: etcDirectory.appendingPathComponent("resolv.conf"), atomically: true, encoding: .utf8)
    try hosts.write(
      to: etcDirectory.appendingPathComponent("hosts"), atomically: true, encoding: .utf8)
  }

  /// Loads an nftables ruleset (text) inside the namespace only.
  func loadFirewall(_ ruleset: String) throws {
    let file = workDirectory.appendingPathComponent("firewall.nft")
    try ruleset.write(to: file, atomically: true, encoding: .utf8)
    try Command.run(["ip", "netns", "exec", name, "nft", "-f", file.path])
  }

  /// Starts a long-running server inside the namespace and waits (bounded) for the output line that says it
  /// listens. Throws with the server's output when it exits or stays silent instead.
  @discardableResult
  func startServer(
    _ arguments: [String], timeout: TimeInterval = 10,
    readyWhen isReady: @escaping (Substring) -> Bool
  ) throws -> LabProcess {
    let process = try LabProcess(["ip", "netns", "exec", name] + arguments, mergeOutput: true)
    lock.withLock { processes.append(process) }
    guard
      process.stdout.waitForLine(until: Date(timeIntervalSinceNow: timeout), where: isReady) != nil
    else {
      process.terminate(grace: 1)
      throw LabError(
        "not ready within \(timeout) s: `\(process.commandLine)`; output:\n\(process.stdout.text)")
    }
    return process
  }

  /// Starts a command inside the namespace and returns at once; it is stopped with the namespace.
  func spawn(_ arguments: [String]) throws -> LabProcess {
    let process = try LabProcess(["ip", "netns", "exec", name] + arguments)
    lock.withLock { processes.append(process) }
    return process
  }

  /// Runs a command to completion inside the namespace with exactly `environment` (env -i).
  func run(
    _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 20,
    check: Bool = false
  ) throws -> CommandResult {
    let assignments = environment.map { "\($0.key)=\($0.value)" }.sorted()
    return try Command.run(
      ["ip", "netns", "exec", name, "env", "-i"] + assignments + arguments, timeout: timeout,
      check: check)
  }

  /// Runs `body` in `destroy()`, after the processes stopped and before the files are removed.
  func onDestroy(_ body: @escaping () -> Void) { lock.withLock { cleanups.append(body) } }

  /// Stops every process started here (the last started first: a daemon before the one it depends on), deletes
  /// the namespace and its files. Safe to call twice.
  func destroy(keepWorkDirectory: Bool = false) {
    let (toStop, toClean): ([LabProcess], [() -> Void]) = lock.withLock {
      guard !destroyed else { return ([], []) }
      destroyed = true
      return (processes, cleanups)
    }
    for process in toStop.reversed() { process.terminate() }
    for cleanup in toClean { cleanup() }
    Self.remove(name: name, keepWorkDirectory: keepWorkDirectory)
  }

  /// Removes namespaces a crashed earlier run left behind: `rdlab-<pid>-<n>` whose pid is no longer alive.
  static func sweepStale() {
    guard let listing = try? Command.run(["ip", "netns", "list"], check: false) else { return }
    var names = Set(
      listing.stdout.split(separator: "\n").compactMap {
        $0.split(separator: " ").first.map(String.init)
      })
    let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: "/etc/netns")) ?? []
    names.formUnion(leftovers)
    for name in names where name.hasPrefix(namePrefix) {
      let parts = name.dropFirst(namePrefix.count).split(separator: "-")
      guard parts.count == 2, let owner = pid_t(parts[0]) else { continue }
      if owner == getpid() || kill(owner, 0) == 0 || errno == EPERM { continue }
      remove(name: name, keepWorkDirectory: false)
    }
  }

  // MARK: - private

  private static let sequence = Sequence()

  private final class Sequence: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
      lock.withLock {
        value += 1
        return value
      }
    }
  }

  private func ip(_ arguments: [String]) throws { try Command.run(["ip", "-n", name] + arguments) }

  /// A dummy link where the kernel has the module; otherwise a veth pair with both ends inside (some VM kernels
  /// ship without `dummy`). Either way the addresses are local and nothing leaves the namespace.
  private func addLink() throws {
    if (try? ip(["link", "add", "d0", "type", "dummy"])) == nil {
      try ip(["link", "add", "d0", "type", "veth", "peer", "name", "d0p"])
      try ip(["link", "set", "d0p", "up"])
    }
    try ip(["link", "set", "d0", "up"])
  }

  /// Kills whatever still runs in the namespace (only processes this lab started live there), deletes it, and
  /// removes /etc/netns/NAME and /tmp/NAME.
  private static func remove(name: String, keepWorkDirectory: Bool) {
    if let pids = try? Command.run(["ip", "netns", "pids", name], timeout: 5, check: false) {
      for pid in pids.stdout.split(separator: "\n").compactMap({ pid_t($0) }) { kill(pid, SIGKILL) }
    }
    _ = try? Command.run(["ip", "netns", "del", name], timeout: 5, check: false)
    try? FileManager.default.removeItem(atPath: "/etc/netns/\(name)")
    if !keepWorkDirectory { try? FileManager.default.removeItem(atPath: "/tmp/\(name)") }
  }
}
