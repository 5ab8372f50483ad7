import Dispatch
import DoctorCore
import Foundation
import XCTest

@testable import DoctorProbes

/// A real dnsmasq on a loopback address and a free port, with a config file the test writes.
/// Every test that starts one stops it through a teardown block, so it dies on failure too.
/// Spawned and reaped with posix_spawn/waitpid: Foundation's Process on Linux can block its child-watching
/// thread in wait4 on one child while another exits, which hung `waitUntilExit` with two dnsmasqs running.
final class DnsmasqServer: @unchecked Sendable {
  static let executable = "/usr/sbin/dnsmasq"
  /// A name every test config answers, used to see that dnsmasq is up.
  static let readinessName = "ready.regdoctor-test"

  let address: String
  let port: UInt16
  let directory: URL
  private let pid: pid_t
  private let logURL: URL
  private let lock = NSLock()
  private var reaped = false

  /// `127.0.0.5:5353` or `[::1]:5353`, as the resolvers take it.
  var nameserver: String { address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)" }
  var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

  init(config: String, address: String) throws {
    guard FileManager.default.isExecutableFile(atPath: Self.executable) else {
      throw XCTSkip("dnsmasq is not installed (apt-get install dnsmasq-base)")
    }
    self.address = address
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("regdoctor-dnsmasq-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let configURL = directory.appendingPathComponent("dnsmasq.conf")
    try (config + "\nhost-record=\(Self.readinessName),192.0.2.254\n").write(
      to: configURL, atomically: true, encoding: .utf8)
    logURL = directory.appendingPathComponent("dnsmasq.log")
    port = try freeLoopbackPort(address)
    let arguments = [
      Self.executable, "--no-daemon", "--conf-file=\(configURL.path)", "--port=\(port)",
      "--listen-address=\(address)", "--bind-interfaces", "--no-resolv", "--no-hosts", "--log-queries",
      "--pid-file=\(directory.appendingPathComponent("dnsmasq.pid").path)",
    ]
    pid = try spawn(arguments, logPath: logURL.path)
  }

  /// Asks dnsmasq in a loop, for a few seconds at most, until it answers anything.
  func waitUntilReady() throws {
    let end = DispatchTime.now() + 5
    while DispatchTime.now() < end {
      guard isRunning else { throw DNSTestError("dnsmasq exited: \(log)") }
      let context = ProbeContext(deadline: .now() + 0.3, environment: [:])
      let answer = WireResolver.ask(Self.readinessName, server: nameserver, attemptTimeout: 0.1, context: context)
      if answer.answered { return }
    }
    throw DNSTestError("dnsmasq did not answer within 5 s: \(log)")
  }

  var isRunning: Bool {
    lock.withLock {
      guard !reaped else { return false }
      var status: Int32 = 0
      if waitpid(pid, &status, WNOHANG) == pid { reaped = true }
      return !reaped
    }
  }

  /// SIGTERM, then SIGKILL if it has not gone within 3 s; always reaped.
  func stop() {
    if isRunning {
      kill(pid, SIGTERM)
      let end = DispatchTime.now() + 3
      while isRunning && DispatchTime.now() < end { usleep(10_000) }
      lock.withLock {
        if !reaped {
          kill(pid, SIGKILL)
          var status: Int32 = 0
          _ = waitpid(pid, &status, 0)
          reaped = true
        }
      }
    }
    try? FileManager.default.removeItem(at: directory)
  }
}

/// posix_spawn with stdout and stderr appended to `logPath`.
private func spawn(_ arguments: [String], logPath: String) throws -> pid_t {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
  posix_spawn_file_actions_adddup2(&actions, 1, 2)
  let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  var pid: pid_t = 0
  let result = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
  guard result == 0 else { throw DNSTestError("posix_spawn \(arguments[0]): \(String(cString: strerror(result)))") }
  return pid
}

struct DNSTestError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// A UDP socket bound on loopback that never reads: a nameserver that is silent (packets dropped).
final class SilentUDPPort: @unchecked Sendable {
  let fd: Int32
  let port: UInt16
  var nameserver: String { "127.0.0.1:\(port)" }

  init() throws {
    (fd, port) = try boundSocket("127.0.0.1", type: Int32(SOCK_DGRAM.rawValue))
  }
  func close() { _ = Glibc.close(fd) }
}

/// A loopback UDP port nothing listens on (bound, then closed), so the kernel answers ICMP port unreachable.
func closedLoopbackPort() throws -> UInt16 {
  let (fd, port) = try boundSocket("127.0.0.1", type: Int32(SOCK_DGRAM.rawValue))
  Glibc.close(fd)
  return port
}

/// A port free for both UDP and TCP on `address` right now (dnsmasq needs both).
func freeLoopbackPort(_ address: String) throws -> UInt16 {
  for _ in 0..<20 {
    let (udp, port) = try boundSocket(address, type: Int32(SOCK_DGRAM.rawValue))
    defer { Glibc.close(udp) }
    if let (tcp, _) = try? boundSocket(address, type: Int32(SOCK_STREAM.rawValue), port: port) {
      Glibc.close(tcp)
      return port
    }
  }
  throw DNSTestError("no free port on \(address)")
}

/// Binds `fd` to the socket address `sa` (a sockaddr_in or sockaddr_in6), then reads back what it is bound to (the
/// port the kernel chose for port 0); bind's result.
private func bindAndReadBack<Address>(_ fd: Int32, _ sa: inout Address) -> Int32 {
  var length = socklen_t(MemoryLayout<Address>.size)
  let result = withUnsafePointer(to: &sa) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
  }
  _ = withUnsafeMutablePointer(to: &sa) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
  }
  return result
}

/// Binds a socket on a loopback address (port 0 picks one) and returns it with its port.
func boundSocket(_ address: String, type: Int32, port: UInt16 = 0) throws -> (Int32, UInt16) {
  let isIPv6 = address.contains(":")
  let fd = socket(isIPv6 ? AF_INET6 : AF_INET, type, 0)
  guard fd >= 0 else { throw DNSTestError("socket: \(errno)") }
  var result: Int32
  var chosen: UInt16 = 0
  if isIPv6 {
    var sa = sockaddr_in6()
    sa.sin6_family = sa_family_t(AF_INET6)
    sa.sin6_port = port.bigEndian
    inet_pton(AF_INET6, address, &sa.sin6_addr)
    result = bindAndReadBack(fd, &sa)
    chosen = UInt16(bigEndian: sa.sin6_port)
  } else {
    var sa = sockaddr_in()
    sa.sin_family = sa_family_t(AF_INET)
    sa.sin_port = port.bigEndian
    inet_pton(AF_INET, address, &sa.sin_addr)
    result = bindAndReadBack(fd, &sa)
    chosen = UInt16(bigEndian: sa.sin_port)
  }
  guard result == 0 else {
    Glibc.close(fd)
    throw DNSTestError("bind \(address):\(port): \(errno)")
  }
  return (fd, chosen)
}

/// Test cases that start loopback DNS servers; everything started is stopped in teardown, pass or fail.
class DNSServerTestCase: XCTestCase {
  /// Starts dnsmasq with `config` on a random 127.0.0.N (or `address`), retrying if the port got taken meanwhile.
  func startDnsmasq(_ config: String, address: String? = nil) throws -> DnsmasqServer {
    var lastError: Error = DNSTestError("dnsmasq did not start")
    for _ in 0..<3 {
      let server = try DnsmasqServer(config: config, address: address ?? "127.0.0.\(Int.random(in: 2...250))")
      addTeardownBlock { server.stop() }
      do {
        try server.waitUntilReady()
        return server
      } catch {
        lastError = error
        server.stop()
      }
    }
    throw lastError
  }

  func startSilentNameserver() throws -> SilentUDPPort {
    let silent = try SilentUDPPort()
    addTeardownBlock { silent.close() }
    return silent
  }

  /// A context whose deadline is `seconds` away.
  func context(_ seconds: Double) -> ProbeContext {
    ProbeContext(deadline: .now() + seconds, environment: [:])
  }
}

/// A loopback UDP server that answers each query with whatever `reply` makes of it (nil: stay silent), for
/// answers dnsmasq will not give: junk with the right id, a stray id. Stops when the test ends.
final class ScriptedUDPResponder: @unchecked Sendable {
  let port: UInt16
  var nameserver: String { "127.0.0.1:\(port)" }
  private let fd: Int32
  private let stopped = Cancellation()
  private let finished = DispatchSemaphore(value: 0)

  init(reply: @escaping @Sendable ([UInt8]) -> [[UInt8]]) throws {
    (fd, port) = try boundSocket("127.0.0.1", type: Int32(SOCK_DGRAM.rawValue))
    let fd = fd
    let stopped = stopped
    let finished = finished
    DispatchQueue.global().async {
      defer { finished.signal() }
      var buffer = [UInt8](repeating: 0, count: 4096)
      while !stopped.isCancelled {
        var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, 50) > 0 else { continue }
        var peer = sockaddr_storage()
        var peerLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let count = withUnsafeMutablePointer(to: &peer) { peerPointer in
          peerPointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
            buffer.withUnsafeMutableBytes { recvfrom(fd, $0.baseAddress, $0.count, 0, address, &peerLength) }
          }
        }
        guard count > 0 else { continue }
        for packet in reply(Array(buffer[0..<count])) {
          _ = withUnsafePointer(to: &peer) { peerPointer in
            peerPointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
              packet.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, 0, address, peerLength) }
            }
          }
        }
      }
    }
  }

  func stop() {
    stopped.cancel()
    _ = finished.wait(timeout: .now() + 5)
    Glibc.close(fd)
  }
}

extension DNSServerTestCase {
  func startResponder(_ reply: @escaping @Sendable ([UInt8]) -> [[UInt8]]) throws -> ScriptedUDPResponder {
    let responder = try ScriptedUDPResponder(reply: reply)
    addTeardownBlock { responder.stop() }
    return responder
  }
}
