import Foundation
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// The harness itself, checked with standard tools (dig, curl) inside the namespaces it builds, so a wrong
/// scenario result can be blamed on regdoctor rather than on the lab.
final class LabHarnessTests: XCTestCase {
  func testDnsmasqAnswersCNAMEChainsAndNXDOMAIN() throws {
    try LabEnvironment.requireLab(tools: ["ip", "nft", "dnsmasq", "dig"])
    let namespace = try LabNamespace(addresses: [LabAddress.nameserver, LabAddress.privateEndpoint])
    defer { namespace.destroy() }
    let config = DnsmasqConfig(
      listenAddress: LabAddress.nameserver,
      records: [
        .cname("contoso.azurecr.io", "contoso.privatelink.azurecr.io"),
        .a("contoso.privatelink.azurecr.io", [LabAddress.privateEndpoint]),
      ])
    let configPath = namespace.workDirectory.appendingPathComponent("dnsmasq.conf").path
    try config.text.write(toFile: configPath, atomically: true, encoding: .utf8)
    try namespace.startServer(
      [
        "dnsmasq", "--keep-in-foreground", "--log-facility=-", "--conf-file=\(configPath)",
        "--pid-file=",
      ],
      readyWhen: { $0.contains("started, version") })

    let chain = try dig(namespace, "contoso.azurecr.io")
    XCTAssertTrue(chain.contains("status: NOERROR"), chain)
    XCTAssertTrue(chain.contains("CNAME\tcontoso.privatelink.azurecr.io."), chain)
    XCTAssertTrue(chain.contains("A\t\(LabAddress.privateEndpoint)"), chain)
    let missing = try dig(namespace, "contoso.japaneast.data.azurecr.io")
    XCTAssertTrue(missing.contains("status: NXDOMAIN"), missing)
  }

  func testFirewallDropTimesOutAndAnUnservedAddressRefuses() throws {
    try LabEnvironment.requireLab(tools: ["ip", "nft", "curl"])
    let namespace = try LabNamespace(addresses: [
      LabAddress.loginServer, LabAddress.privateEndpoint,
    ])
    defer { namespace.destroy() }
    try namespace.loadFirewall(
      FirewallRuleset(drops: [Drop(address: LabAddress.loginServer, port: 443)], nat: []).text)
    let dropped = try namespace.run([
      "curl", "-sS", "-m", "1", "https://\(LabAddress.loginServer)/",
    ])
    XCTAssertEqual(dropped.status, 28, "curl's 'timed out': \(dropped.stderr)")
    let refused = try namespace.run([
      "curl", "-sS", "-m", "1", "https://\(LabAddress.privateEndpoint)/",
    ])
    XCTAssertEqual(refused.status, 7, "curl's 'could not connect': \(refused.stderr)")
    let outside = try namespace.run(["curl", "-sS", "-m", "1", "https://192.0.2.200/"])
    XCTAssertEqual(outside.status, 7, "no route out of the namespace: \(outside.stderr)")
  }

  func testResolvConfAndHostsAreTheNamespacesOwn() throws {
    try LabEnvironment.requireLab(tools: ["ip"])
    let namespace = try LabNamespace(addresses: [])
    defer { namespace.destroy() }
    try namespace.writeEtc(
      resolvConf: "nameserver \(LabAddress.nameserver)\n",
      hosts: "\(LabAddress.stale)\tcontoso.azurecr.io\n")
    let resolv = try namespace.run(["cat", "/etc/resolv.conf"], check: true)
    XCTAssertEqual(resolv.stdout, "nameserver \(LabAddress.nameserver)\n")
    let hosts = try namespace.run(["getent", "hosts", "contoso.azurecr.io"], check: true)
    XCTAssertTrue(hosts.stdout.hasPrefix(LabAddress.stale), hosts.stdout)
  }

  func testDestroyRemovesNamespaceFilesAndProcesses() throws {
    try LabEnvironment.requireLab(tools: ["ip"])
    let namespace = try LabNamespace(addresses: [LabAddress.proxy])
    try namespace.writeEtc(resolvConf: "", hosts: "")
    let server = try namespace.startServer(
      ["sh", "-c", "echo listening; exec sleep 600"], readyWhen: { $0 == "listening" })
    namespace.destroy()
    XCTAssertNotNil(server.status, "the server was stopped")
    let list = try Command.run(["ip", "netns", "list"])
    XCTAssertFalse(list.stdout.contains(namespace.name), list.stdout)
    XCTAssertFalse(FileManager.default.fileExists(atPath: namespace.etcDirectory.path))
    XCTAssertFalse(FileManager.default.fileExists(atPath: namespace.workDirectory.path))
  }

  func testStaleNamespacesOfDeadRunsAreSwept() throws {
    try LabEnvironment.requireLab(tools: ["ip"])
    // A pid that cannot be alive: above the kernel's pid_max.
    let stale = "\(LabNamespace.namePrefix)\(Int32.max)-1"
    try Command.run(["ip", "netns", "add", stale])
    try FileManager.default.createDirectory(
      atPath: "/etc/netns/\(stale)", withIntermediateDirectories: true)
    LabNamespace.sweepStale()
    let list = try Command.run(["ip", "netns", "list"])
    XCTAssertFalse(list.stdout.contains(stale), list.stdout)
    XCTAssertFalse(FileManager.default.fileExists(atPath: "/etc/netns/\(stale)"))
  }

  func testServersOfAScenarioAnswerThroughDNSAndProxies() throws {
    try LabEnvironment.requireLab(tools: ["ip", "nft", "dnsmasq", "tinyproxy", "curl"])
    let scenario = LabScenario(
      name: "harness-private-with-tinyproxy",
      dns: [
        .cname("contoso.azurecr.io", "contoso.privatelink.azurecr.io"),
        .a("contoso.privatelink.azurecr.io", [LabAddress.privateEndpoint]),
      ],
      registries: [RegistryServer(address: LabAddress.privateEndpoint)],
      proxy: ProxyServer(kind: .tinyproxy),
      expect: Expectation("no-network-problem"))
    let lab = try ScenarioLab(scenario)
    defer { lab.destroy() }
    let url = "https://contoso.azurecr.io/v2/"
    let curl = [
      "curl", "-sS", "-m", "3", "-o", "/dev/null", "-w", "%{http_code}", "--cacert",
      lab.path("trust.pem"),
    ]
    let direct = try lab.namespace.run(
      curl + [url], environment: ["PATH": LabEnvironment.systemPath])
    XCTAssertEqual(direct.stdout, "401", "ACR-like challenge, direct: \(direct.stderr)")
    let proxied = try lab.namespace.run(
      curl + ["-x", "http://\(LabAddress.proxy):3128", url],
      environment: ["PATH": LabEnvironment.systemPath])
    XCTAssertEqual(proxied.stdout, "401", "through tinyproxy: \(proxied.stderr)")
  }

  /// Every scenario of the table comes up (servers ready, firewall loaded) and goes away again.
  func testEveryScenarioBuildsAndTearsDown() throws {
    try LabEnvironment.requireLab(tools: ["ip", "nft", "dnsmasq", "tinyproxy"])
    for scenario in LabScenario.all {
      let lab: ScenarioLab
      do {
        lab = try ScenarioLab(scenario)
      } catch {
        XCTFail("\(scenario.name) does not build: \(error)")
        continue
      }
      let name = lab.namespace.name
      lab.destroy()
      XCTAssertFalse(FileManager.default.fileExists(atPath: "/etc/netns/\(name)"), scenario.name)
    }
    let list = try Command.run(["ip", "netns", "list"])
    XCTAssertFalse(list.stdout.contains("\(LabNamespace.namePrefix)\(getpid())-"), list.stdout)
  }

  /// The registry's firewall sees the client's NATed public address, as ACR would.
  func testRegistryDeniesTheNATedClientAddress() throws {
    try LabEnvironment.requireLab(tools: ["ip", "nft", "dnsmasq", "curl"])
    let lab = try ScenarioLab(.registryFirewallDeniesClient)
    defer { lab.destroy() }
    let result = try lab.namespace.run(
      [
        "curl", "-sS", "-m", "3", "--cacert", lab.path("trust.pem"),
        "https://contoso.azurecr.io/v2/",
      ],
      environment: ["PATH": LabEnvironment.systemPath])
    XCTAssertTrue(result.stdout.contains("DENIED"), result.stdout + result.stderr)
    XCTAssertTrue(result.stdout.contains("'\(LabAddress.natPublicClient)'"), result.stdout)
  }

  private func dig(_ namespace: LabNamespace, _ name: String) throws -> String {
    let result = try namespace.run(
      ["dig", "+time=1", "+tries=1", "@\(LabAddress.nameserver)", name, "A"], check: true)
    return result.stdout
  }
}
