import DoctorCore
import Foundation
import XCTest

@testable import DoctorProbes

/// containerd's files as the probe reads them from a real directory, with a real Unix socket standing for the
/// daemon's: garbage, FIFOs and directories where files should be are facts in the report, never a crash or hang.
final class ContainerdProbeTests: XCTestCase {
  private var directory = ""
  private var listener: Int32 = -1

  override func setUpWithError() throws {
    directory = "/tmp/rdc-\(getpid())-\(UInt32.random(in: 0..<UInt32.max))"
    try FileManager.default.createDirectory(atPath: directory + "/etc", withIntermediateDirectories: true)
  }

  override func tearDown() {
    if listener >= 0 { close(listener) }
    try? FileManager.default.removeItem(atPath: directory)
  }

  private var socketPath: String { directory + "/containerd.sock" }
  private var etc: String { directory + "/etc" }

  private func listen() throws {
    listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(socketPath.utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (i, b) in bytes.enumerated() { raw[i] = b }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    XCTAssertEqual(bound, 0)
    XCTAssertEqual(Glibc.listen(listener, 1), 0)
  }

  private func write(_ text: String, _ relative: String) throws {
    let path = etc + "/" + relative
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  private let registry = Endpoint(host: "contoso.azurecr.io", role: .loginServer, label: "login-server")

  /// The process holding the socket is found through /proc/net/unix and its descriptors, and its environment read.
  func testTheProcessListeningOnTheSocketIsFound() throws {
    try listen()
    let comm = try String(contentsOfFile: "/proc/self/comm", encoding: .utf8).trimmingCharacters(
      in: .whitespacesAndNewlines)
    let process = try XCTUnwrap(DaemonProcess.find(socket: socketPath, names: [comm]))
    XCTAssertEqual(process.pid, Int(getpid()))
    if geteuid() == 0 { XCTAssertNotNil(process.environment, process.environmentUnknown ?? "") }
    XCTAssertNil(DaemonProcess.find(socket: socketPath, names: ["no-such-daemon"]))
  }

  func testAWorkingSetupIsRead() throws {
    try listen()
    try write(
      """
      version = 2
      [plugins."io.containerd.grpc.v1.cri".registry]
        config_path = "\(etc)/containerd/certs.d"
      """, "containerd/config.toml")
    try write(
      """
      server = "https://contoso.azurecr.io"
      [host."https://mirror.corp"]
        capabilities = ["pull", "resolve"]
      [host."https://contoso.azurecr.io"]
        ca = "ca.crt"
      """, "containerd/certs.d/contoso.azurecr.io/hosts.toml")
    try write(
      "[Service]\nEnvironment=\"HTTPS_PROXY=http://bob:hunter2@proxy.corp:3128\"\nEnvironmentFile=\(etc)/default/containerd\n",
      "systemd/system/containerd.service.d/http-proxy.conf")
    try write("NO_PROXY=.svc,.cluster.local\n", "default/containerd")
    let (facts, route) = try XCTUnwrap(
      ContainerdProbe.run(environment: ["CONTAINERD_ADDRESS": "unix://" + socketPath], etc: etc, registry: registry))
    XCTAssertTrue(facts.pulls)
    XCTAssertNil(facts.pid, "no process named containerd holds the test's socket")
    XCTAssertNotNil(facts.runningUnknown)
    XCTAssertEqual(facts.configured.httpsProxy, "http://bob:***@proxy.corp:3128")
    XCTAssertEqual(facts.configured.noProxy, ".svc,.cluster.local")
    XCTAssertEqual(route.proxy.httpsProxy, "http://bob:hunter2@proxy.corp:3128", "the probe gets the real proxy")
    XCTAssertEqual(facts.pullHosts, ["https://mirror.corp", "https://contoso.azurecr.io"])
    XCTAssertEqual(facts.caFiles, ["\(etc)/containerd/certs.d/contoso.azurecr.io/ca.crt"])
    XCTAssertEqual(facts.files.filter { $0.state != .read }, [])
    let described = ProbeDescriber.describe(
      ProbeResult(id: "puller.containerd", target: facts.location, durationMs: 1, facts: .puller(facts)), in: .en)
    XCTAssertFalse((described.summary + described.details.map(\.value).joined()).contains("hunter2"))
  }

  func testHostileFilesAreFacts() throws {
    try listen()
    try write("version = 2\n[plugins\n\u{1B}[31mred", "containerd/config.toml")
    try FileManager.default.createDirectory(
      atPath: etc + "/systemd/system/containerd.service.d/dir.conf", withIntermediateDirectories: true)
    try write("[Service]\nEnvironmentFile=/nonexistent/proxy.env\n", "systemd/system/containerd.service.d/z.conf")
    let (facts, _) = try XCTUnwrap(
      ContainerdProbe.run(environment: ["CONTAINERD_ADDRESS": socketPath], etc: etc, registry: registry))
    XCTAssertFalse(facts.pulls, "a config.toml containerd refuses makes no pulls")
    let states = Dictionary(facts.files.map { ($0.path, $0.state) }, uniquingKeysWith: { a, _ in a })
    XCTAssertEqual(states[etc + "/containerd/config.toml"], .invalid)
    XCTAssertEqual(states[etc + "/systemd/system/containerd.service.d/dir.conf"], .unreadable)
    XCTAssertEqual(states["/nonexistent/proxy.env"], .unreadable)
    let described = ProbeDescriber.describe(
      ProbeResult(id: "puller.containerd", target: facts.location, durationMs: 1, facts: .puller(facts)), in: .en)
    XCTAssertFalse(described.details.map(\.value).joined().contains("\u{1B}"), "control characters escaped")
  }

  func testAFIFOAsConfigAndGarbageHostsTomlDoNotHang() throws {
    try listen()
    try FileManager.default.createDirectory(
      atPath: etc + "/containerd/certs.d/contoso.azurecr.io", withIntermediateDirectories: true)
    XCTAssertEqual(mkfifo(etc + "/containerd/config.toml", 0o600), 0)
    try write("server = = \"x\"", "containerd/certs.d/contoso.azurecr.io/hosts.toml")
    let (facts, _) = try XCTUnwrap(
      ContainerdProbe.run(environment: ["CONTAINERD_ADDRESS": socketPath], etc: etc, registry: registry))
    XCTAssertEqual(facts.files.first?.state, .unreadable)
    // No config_path (the FIFO gave no config): hosts.toml is not consulted, the registry is pulled directly.
    XCTAssertEqual(facts.pullHosts, ["https://contoso.azurecr.io"])
    var config = ContainerdConfigFacts()
    config.configPath = etc + "/containerd/certs.d"
    var withHosts = facts
    _ = ContainerdProbe.registryHosts(config, registry: registry, into: &withHosts)
    XCTAssertEqual(withHosts.files.last?.state, .invalid)
  }

  /// An environ that cannot be read (not root: EACCES; here a directory where the file should be) is a sentence.
  func testAnUnreadableEnvironIsUnknownNotACrash() throws {
    let proc = directory + "/proc"
    try FileManager.default.createDirectory(atPath: proc + "/4242/environ", withIntermediateDirectories: true)
    try "containerd\n".write(toFile: proc + "/4242/comm", atomically: true, encoding: .utf8)
    try Data("containerd\u{0}--config\u{0}/x.toml\u{0}".utf8).write(to: URL(fileURLWithPath: proc + "/4242/cmdline"))
    let process = try XCTUnwrap(DaemonProcess.find(socket: "/nowhere.sock", names: ["containerd"], proc: proc))
    XCTAssertEqual(process.pid, 4242)
    XCTAssertEqual(process.arguments, ["containerd", "--config", "/x.toml"])
    XCTAssertNil(process.environment)
    XCTAssertTrue(process.environmentUnknown?.contains("/proc/4242/environ") ?? false, process.environmentUnknown ?? "")
  }

  func testNoSocketNoPuller() {
    XCTAssertNil(ContainerdProbe.run(environment: ["CONTAINERD_ADDRESS": socketPath], etc: etc, registry: registry))
  }
}
