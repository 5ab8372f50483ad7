import DoctorCore

/// Builds the probe results a diagnosis would have, from facts written by hand: the rules' test fixtures.
struct FactsBuilder {
  var registry = RegistryTarget(
    input: "contoso", kind: .acr(name: "contoso", suffix: "azurecr.io"), host: "contoso.azurecr.io")
  var symptoms: [SymptomID] = []
  var probes: [ProbeResult] = []
  var environment: [String: String] = [:]

  static let login = Endpoint(host: "contoso.azurecr.io", role: .loginServer)
  static let data = Endpoint(
    host: "contoso.japaneast.data.azurecr.io", role: .dataEndpoint, label: "data-endpoint.japaneast")

  mutating func add(_ id: ProbeID, _ facts: ProbeFacts) {
    probes.append(ProbeResult(id: id, target: "t", durationMs: 1, facts: facts))
  }

  mutating func dns(
    _ ips: [String], at e: Endpoint = login, cnames: [(String, String)] = [], outcome: DNSOutcome = .resolved,
    hosts: [String] = [], wireIPs: [String]? = nil
  ) {
    let addrs = ips.map(ResolvedAddress.init(ip:))
    let wireAddrs = (wireIPs ?? ips).map(ResolvedAddress.init(ip:))
    let system = SystemLookup(outcome: outcome, addresses: outcome == .resolved ? addrs : [], ms: 1)
    let wire = WireLookup(
      outcome: outcome, answeredBy: "10.0.0.2", cnames: cnames.map { CNAMERecord(name: $0.0, target: $0.1, ttl: 60) },
      addresses: wireAddrs.map { AddressRecord(name: e.host, address: $0, ttl: 60) }, attempts: [], ms: 1)
    add(.dns(e), .dns(DNSFacts(endpoint: e, system: system, wire: wire, hostsEntries: hosts)))
  }

  mutating func tcp(_ ip: String, _ outcome: ConnectOutcome, at e: Endpoint = login) {
    add(.tcp(e, ip), .tcp(TCPFacts(endpoint: e, address: ResolvedAddress(ip: ip), outcome: outcome, ms: 1)))
  }

  mutating func tls(
    _ outcome: TLSOutcome = .verified, at e: Endpoint = login, issuer: String = "Microsoft Azure RSA TLS Issuing CA 07",
    org: String = "Microsoft Corporation", path: NetworkPath = .direct
  ) {
    let cert = CertificateSummary(
      subject: "CN=*.azurecr.io", issuer: "CN=\(issuer), O=\(org)", issuerOrganization: org,
      subjectAlternativeNames: ["*.azurecr.io"], notBefore: "2026-01-01", notAfter: "2027-01-01", isCA: false)
    add(
      .tls(e, viaProxy: path != .direct),
      .tls(
        TLSFacts(
          endpoint: e, address: "203.0.113.10", path: path, outcome: outcome, reason: nil, chain: [cert], handshakeMs: 5
        )))
  }

  mutating func http(
    at e: Endpoint = login, status: Int? = 401, outcome: HTTPOutcome = .response, deniedIP: String? = nil,
    path: NetworkPath = .direct
  ) {
    let challenge =
      status == 401
      ? AuthChallenge(scheme: "Bearer", parameters: ["realm": "https://\(e.host)/oauth2/token", "service": e.host])
      : nil
    let body = deniedIP.map {
      RegistryErrorBody(code: "DENIED", message: "client with IP '\($0)' is not allowed access", deniedClientIP: $0)
    }
    add(
      .http(e, viaProxy: path != .direct),
      .http(
        HTTPFacts(
          endpoint: e, path: path, requestPath: "/v2/", outcome: outcome,
          statusCode: outcome == .response ? status : nil,
          reasonPhrase: nil, challenge: challenge, errorBody: body, bodySnippet: nil, phases: [])))
  }

  /// The absent repository's manifest (AbsentRepositoryCheck.swift), as the plan asks it after `/v2/` answered.
  mutating func absentRepository(status: Int, at e: Endpoint = login, path: NetworkPath = .direct) {
    add(
      .absentRepository(e, viaProxy: path != .direct),
      .http(
        HTTPFacts(
          endpoint: e, path: path, requestPath: HTTPFacts.absentRepositoryPath, outcome: .response, statusCode: status,
          reasonPhrase: nil, challenge: nil, errorBody: nil, bodySnippet: nil, phases: [])))
  }

  mutating func proxy(
    _ outcome: ProxyConnectOutcome, at e: Endpoint = login, go: String? = "http://proxy:3128",
    bypassedBy: String? = nil, status: String? = nil
  ) {
    let decision = ProxyDecision(go: go, curl: go, bypassedBy: bypassedBy)
    add(
      .proxy(e),
      .proxy(
        ProxyFacts(
          endpoint: e, proxyURL: "http://proxy:3128", decision: decision, outcome: outcome, statusCode: nil,
          statusLine: status,
          error: nil, ms: 1)))
  }

  mutating func docker(
    reachable: Bool = true, httpsProxy: String? = nil, noProxy: String? = nil, sources: [DaemonProxySource] = []
  ) {
    add(
      "docker.daemon",
      .dockerDaemon(
        DockerDaemonFacts(
          host: "unix:///var/run/docker.sock", reachable: reachable, error: nil, httpProxy: nil, httpsProxy: httpsProxy,
          noProxy: noProxy, serverVersion: "28.2.2", sources: sources)))
  }

  mutating func nameservers(_ outcomes: [DNSOutcome]) {
    let attempts = outcomes.enumerated().map {
      NameserverAttempt(server: "10.0.0.\($0.offset + 2)", outcome: $0.element, ms: 1)
    }
    add(
      "dns.nameservers",
      .nameservers(
        NameserverFacts(
          resolvConf: "/etc/resolv.conf", nameservers: attempts.map(\.server), search: [], attempts: attempts)))
  }

  /// A healthy public path to the login server.
  mutating func healthyLogin() {
    dns(["203.0.113.10"])
    tcp("203.0.113.10", .connected)
    tls()
    http()
  }

  /// Direct egress dropped; the shell's proxy tunnels to a healthy registry.
  mutating func loginOnlyThroughProxy() {
    dns(["203.0.113.10"])
    tcp("203.0.113.10", .timeout)
    proxy(.established)
    tls(path: .proxy("http://proxy:3128"))
    http(path: .proxy("http://proxy:3128"))
  }

  /// Direct egress dropped; the shell's proxy (`proxyURL`, as a probe reports it: already redacted) refuses the
  /// login server with 403. Its status line and error are free text from outside, which the report tests fill.
  mutating func loginDeniedByProxy(proxyURL: String, statusLine: String, error: String) {
    dns(["203.0.113.10"])
    tcp("203.0.113.10", .timeout)
    add(
      "proxy.login-server",
      .proxy(
        ProxyFacts(
          endpoint: Self.login, proxyURL: proxyURL,
          decision: ProxyDecision(go: proxyURL, curl: nil, bypassedBy: nil), outcome: .denied, statusCode: 403,
          statusLine: statusLine, error: error, ms: 2)))
  }

  var report: Report {
    let input = DiagnosisInput(
      registry: registry, symptoms: symptoms, probes: probes,
      proxyEnvironment: ProxyEnvironment(environment: environment))
    return Diagnosis.report(input: input, language: .en, elapsedMs: 1)
  }

  var ids: [FindingID] { report.findings.map(\.id) }
  var conclusion: FindingID { report.conclusion.finding }
}
