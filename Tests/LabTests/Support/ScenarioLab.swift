import Foundation

/// A `LabScenario` built for real: namespace, certificates, dnsmasq, registry/proxy/Docker servers, firewall.
/// `diagnose()` runs `regdoctor diagnose` inside it; `destroy()` removes everything (call it in a defer).
final class ScenarioLab: @unchecked Sendable {
  let scenario: LabScenario
  let namespace: LabNamespace
  /// The client's environment inside the namespace (`env -i` plus these).
  private(set) var clientEnvironment: [String: String] = [:]
  /// The real Docker Engine when the scenario has a `puller`.
  private(set) var engine: LabDockerEngine?
  /// The real podman when the scenario's puller is podman (no Docker Engine then).
  private(set) var podman: LabPodman?
  private let labTool: String
  private var nameserverProcess: LabProcess?

  init(_ scenario: LabScenario) throws {
    self.scenario = scenario
    labTool = try LabEnvironment.executable("regdoctor-lab")
    namespace = try LabNamespace(addresses: Self.addresses(of: scenario))
    do {
      try build()
    } catch {
      namespace.destroy()
      throw error
    }
  }

  var workDirectory: URL { namespace.workDirectory }

  func path(_ relative: String) -> String { workDirectory.appendingPathComponent(relative).path }

  /// Runs `regdoctor diagnose REGISTRY --format json --timeout T --no-az` inside the namespace.
  func diagnose(timeout: Int = 2, format: String = "json", extraArguments: [String] = []) throws -> DiagnoseRun {
    let regdoctor = try LabEnvironment.executable("regdoctor")
    let arguments =
      [
        regdoctor, "diagnose", scenario.registry, "--format", format, "--timeout", String(timeout),
        "--no-az",
      ]
      + scenario.arguments + extraArguments
    // The hard bound only stops a hung run; the hang guard in the tests is much tighter.
    let result = try namespace.run(
      arguments, environment: clientEnvironment, timeout: TimeInterval(timeout + 20))
    return DiagnoseRun(result: result)
  }

  func destroy() { namespace.destroy() }

  // MARK: - healing a fault while regdoctor watches

  /// Starts `regdoctor diagnose … --watch` in the namespace without waiting for it; its output is captured.
  func startWatch(timeout: Int, interval: Int, watchFor: Int) throws -> LabProcess {
    let regdoctor = try LabEnvironment.executable("regdoctor")
    let assignments = clientEnvironment.map { "\($0.key)=\($0.value)" }.sorted()
    let arguments =
      [
        regdoctor, "diagnose", scenario.registry, "--timeout", String(timeout), "--no-az", "--watch",
        "--interval", String(interval), "--watch-for", String(watchFor),
      ] + scenario.arguments
    return try namespace.spawn(["env", "-i"] + assignments + arguments)
  }

  /// Removes every nftables rule of the namespace: the dropped SYNs get answers again.
  func removeFirewall() throws {
    try Command.run(["ip", "netns", "exec", namespace.name, "nft", "flush", "ruleset"], check: true)
  }

  /// Adds A records to the scenario's nameserver and waits (bounded) until dnsmasq says it read them.
  func addRecords(_ records: [(name: String, address: String)]) throws {
    guard let dnsmasq = nameserverProcess else { throw LabError("this scenario has no nameserver to change") }
    let hosts = records.map { "\($0.address) \($0.name)" }.joined(separator: "\n") + "\n"
    try hosts.write(toFile: path("added-hosts"), atomically: true, encoding: .utf8)
    kill(dnsmasq.pid, SIGHUP)
    // At start it logged `read …/added-hosts - 0 names`; after SIGHUP it logs the records it found.
    let reread = dnsmasq.stdout.waitForLine(until: Date(timeIntervalSinceNow: 10)) {
      $0.contains("added-hosts") && !$0.contains(" - 0 ")
    }
    guard reread != nil else { throw LabError("dnsmasq did not re-read its hosts file:\n\(dnsmasq.stdout.text)") }
  }

  // MARK: - building

  private func build() throws {
    try FileManager.default.createDirectory(atPath: path("home"), withIntermediateDirectories: true)
    try writeEtc()
    try makeCertificates()
    try loadFirewall()
    try startNameserver()
    for registry in scenario.registries { try startRegistry(registry) }
    for proxy in [scenario.proxy, scenario.daemonProxy].compactMap({ $0 }) { try startProxy(proxy) }
    try startDockerDaemon()
    clientEnvironment.merge(
      [
        "PATH": LabEnvironment.systemPath,
        "HOME": path("home"),
        "SSL_CERT_FILE": path("trust.pem"),
        "REGDOCTOR_ETC": path("etc"),
      ], uniquingKeysWith: { current, _ in current })
    clientEnvironment.merge(
      scenario.environment, uniquingKeysWith: { _, scenarioValue in scenarioValue })
  }

  /// Every address the scenario mentions, plus the lab's fixed ones, is local to the namespace: an address with
  /// no server refuses, a dropped one times out, nothing is routed anywhere else.
  private static func addresses(of scenario: LabScenario) -> [String] {
    var addresses = [
      LabAddress.nameserver, LabAddress.proxy, LabAddress.loginServer, LabAddress.dataEndpoint,
      LabAddress.privateEndpoint, LabAddress.privateDataEndpoint, LabAddress.proxyEgress,
      LabAddress.natPublicClient, LabAddress.stale, LabAddress.deadProxy,
    ]
    for record in scenario.dns { if case .a(_, let values) = record { addresses += values } }
    addresses +=
      scenario.hosts.map(\.address) + scenario.registries.map(\.address)
      + scenario.drops.map(\.address)
    addresses += scenario.natClientAddress.flatMap { [$0.destination, $0.source] }
    addresses += [scenario.proxy, scenario.daemonProxy].compactMap { $0?.address }
    // IPv6 only from the ULA range, inside the namespace.
    return addresses.filter { !$0.contains(":") || $0.lowercased().hasPrefix("fd") }
  }

  /// /etc/netns/NAME (bind-mounted over /etc by `ip netns exec`) and the same files under REGDOCTOR_ETC.
  private func writeEtc() throws {
    let resolvConf = "nameserver \(LabAddress.nameserver)\n"
    var hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
    for entry in scenario.hosts {
      hosts += "\(entry.address)\t\(entry.names.joined(separator: " "))\n"
    }
    try namespace.writeEtc(resolvConf: resolvConf, hosts: hosts)
    try FileManager.default.createDirectory(atPath: path("etc"), withIntermediateDirectories: true)
    try resolvConf.write(toFile: path("etc/resolv.conf"), atomically: true, encoding: .utf8)
    try hosts.write(toFile: path("etc/hosts"), atomically: true, encoding: .utf8)
  }

  /// One CA per issuer the scenario uses; each issues the registry's and the proxy's certificates.
  /// trust.pem holds the CAs the client trusts.
  private func makeCertificates() throws {
    let issuers = Set(
      scenario.registries.map(\.issuer) + scenario.trust + (scenario.puller?.trusts ?? []) + [.lab])
    for issuer in issuers.sorted(by: { $0.rawValue < $1.rawValue }) {
      try Command.run([
        labTool, "pki", "--out", path(issuer.directoryName), "--ca-name", issuer.rawValue,
        "--ca-org", issuer.organization,
        "--leaf",
        "registry=" + Self.registryCertificateNames(scenario.registry).joined(separator: ","),
        "--leaf", "proxy=proxy.lab,\(LabAddress.proxy)",
      ])
    }
    var bundle = ""
    for authority in scenario.trust {
      bundle += try String(
        contentsOfFile: path("\(authority.directoryName)/ca.pem"), encoding: .utf8)
    }
    try bundle.write(toFile: path("trust.pem"), atomically: true, encoding: .utf8)
    guard !scenario.systemTrust.isEmpty else { return }
    // `ip netns exec` bind-mounts /etc/netns/NAME/ssl over /etc/ssl: the namespace's own system bundle.
    let system = try scenario.systemTrust.map {
      try String(contentsOfFile: path("\($0.directoryName)/ca.pem"), encoding: .utf8)
    }.joined()
    let certs = namespace.etcDirectory.appendingPathComponent("ssl/certs")
    try FileManager.default.createDirectory(at: certs, withIntermediateDirectories: true)
    try system.write(
      to: certs.appendingPathComponent("ca-certificates.crt"), atomically: true, encoding: .utf8)
  }

  /// Like ACR's certificate: the login server, the wildcard, the data endpoints, the privatelink name.
  private static func registryCertificateNames(_ registry: String) -> [String] {
    if registry == "docker.io" {
      // Docker Hub's names, and its mirrors' (`*.hub.internal`), all answered by lab registries in the namespace.
      return [
        "docker.io", "index.docker.io", "registry-1.docker.io", "auth.docker.io", "production.cloudflare.docker.com",
        "*.hub.internal",
      ]
    }
    let name = registry.split(separator: ".").first.map(String.init) ?? registry
    return [
      registry, "*.azurecr.io", "*.privatelink.azurecr.io", "\(name).japaneast.data.azurecr.io",
      "*.japaneast.data.azurecr.io", LabAddress.loginServer,
      // The storage account layers come from without dedicated data endpoints.
      "*.blob.core.windows.net",
    ]
  }

  private func loadFirewall() throws {
    var drops = scenario.drops
    if case .dropped = scenario.nameserver {
      drops += [
        Drop(address: LabAddress.nameserver, port: 53, proto: "udp"),
        Drop(address: LabAddress.nameserver, port: 53),
      ]
    }
    guard !drops.isEmpty || !scenario.natClientAddress.isEmpty else { return }
    let ruleset = FirewallRuleset(drops: drops, nat: scenario.natClientAddress).text
    try namespace.loadFirewall(ruleset)
  }

  private func startNameserver() throws {
    if case .nothingListening = scenario.nameserver { return }
    try "".write(toFile: path("added-hosts"), atomically: true, encoding: .utf8)
    try DnsmasqConfig(listenAddress: LabAddress.nameserver, records: scenario.dns, addedHostsFile: path("added-hosts"))
      .text.write(toFile: path("dnsmasq.conf"), atomically: true, encoding: .utf8)
    nameserverProcess = try namespace.startServer(
      [
        "dnsmasq", "--keep-in-foreground", "--log-facility=-",
        "--conf-file=\(path("dnsmasq.conf"))",
        "--pid-file=\(path("dnsmasq.pid"))",
      ], readyWhen: { $0.contains("started, version") })
  }

  private func startRegistry(_ registry: RegistryServer) throws {
    let pki = registry.issuer.directoryName
    try namespace.startServer(
      [
        labTool, "registry", "--listen", "\(registry.address):443", "--cert",
        path("\(pki)/registry.pem"),
        "--key", path("\(pki)/registry-key.pem"), "--mode", registry.mode, "--name",
        scenario.registry,
      ] + (registry.image.map { ["--image", $0] } ?? [])
        + (registry.blobRedirect.map { ["--blob-redirect", $0] } ?? [])
        + (registry.realmHost.map { ["--realm-host", $0] } ?? []),
      readyWhen: { $0.hasPrefix("ready ") })
  }

  private func startProxy(_ proxy: ProxyServer) throws {
    let listen = "\(proxy.address):\(proxy.port)"
    switch proxy.kind {
    case .lab(let mode, let map):
      // Inside the namespace every target is a lab address, so unmapped ones may be tunnelled to.
      var arguments = [labTool, "proxy", "--listen", listen, "--mode", mode, "--allow-any-target"]
      if let user = proxy.user, let password = proxy.password {
        arguments += ["--user", user, "--password", password]
      }
      if proxy.tls {
        arguments += [
          "--tls-cert", path("pki-lab/proxy.pem"), "--tls-key", path("pki-lab/proxy-key.pem"),
        ]
      }
      for (host, address) in map.sorted(by: { $0.key < $1.key }) {
        arguments += ["--map", "\(host)=\(address)"]
      }
      try namespace.startServer(arguments, readyWhen: { $0.hasPrefix("ready ") })
    case .tinyproxy:
      // Files named by port: a scenario may run two (the shell's and a daemon's).
      let name = "tinyproxy-\(proxy.port)"
      var lines = [
        "Port \(proxy.port)", "Listen \(proxy.address)", "Timeout 10", "MaxClients 20", "LogLevel Info",
        "PidFile \"\(path("\(name).pid"))\"", "ConnectPort 443",
      ]
      if let user = proxy.user, let password = proxy.password { lines.append("BasicAuth \(user) \(password)") }
      lines += proxy.rules
      try (lines.joined(separator: "\n") + "\n").write(toFile: path("\(name).conf"), atomically: true, encoding: .utf8)
      try namespace.startServer(
        ["tinyproxy", "-d", "-c", path("\(name).conf")],
        readyWhen: { $0.contains("Accepting connections") })
    }
  }

  /// A Docker Engine API when the scenario has one; otherwise DOCKER_HOST names a socket that does not exist,
  /// so a Docker daemon on the machine running the lab never leaks into the result.
  private func startDockerDaemon() throws {
    if let puller = scenario.puller, puller.kind == .podman {
      let podman = try LabPodman(
        namespace: namespace,
        options: .init(
          engineEnvironment: puller.engineEnvironment, trusts: puller.trusts.map { path("\($0.directoryName)/ca.pem") },
          registryHost: scenario.registry, mirror: puller.mirror))
      self.podman = podman
      clientEnvironment.merge(podman.environment) { _, podman in podman }
      clientEnvironment["DOCKER_HOST"] = "unix://\(path("docker.sock"))"
      clientEnvironment["CONTAINERD_ADDRESS"] = path("no-containerd.sock")
      return
    }
    if let puller = scenario.puller {
      let engine = try LabDockerEngine(
        namespace: namespace,
        options: .init(
          environment: puller.environment,
          trusts: puller.trusts.map { path("\($0.directoryName)/ca.pem") }, registryHost: scenario.registry,
          criNode: puller.kind == .containerd, dropIn: puller.dropIn, mirror: puller.mirror,
          registryMirrors: puller.registryMirrors))
      self.engine = engine
      clientEnvironment["DOCKER_HOST"] = "unix://\(engine.dockerSocket)"
      clientEnvironment["CONTAINERD_ADDRESS"] = engine.containerdSocket
      return
    }
    let socket = path("docker.sock")
    clientEnvironment["DOCKER_HOST"] = "unix://\(socket)"
    // Never the machine's own containerd (a Unix socket path is visible from every namespace).
    clientEnvironment["CONTAINERD_ADDRESS"] = path("no-containerd.sock")
    guard let daemon = scenario.dockerDaemon else { return }
    var arguments = [labTool, "docker-api", "--socket", socket, "--mode", daemon.mode]
    if let proxy = daemon.httpsProxy { arguments += ["--https-proxy", proxy] }
    if let noProxy = daemon.noProxy { arguments += ["--no-proxy", noProxy] }
    try namespace.startServer(arguments, readyWhen: { $0.hasPrefix("ready ") })
  }
}

/// One `regdoctor diagnose` run: exit code, output, wall time, and the parsed report.
struct DiagnoseRun {
  let result: CommandResult
  let report: DiagnoseReport?
  let decodeError: String?

  init(result: CommandResult) {
    self.result = result
    do {
      report = try JSONDecoder().decode(DiagnoseReport.self, from: Data(result.stdout.utf8))
      decodeError = nil
    } catch {
      report = nil
      decodeError = String(describing: error)
    }
  }
}
