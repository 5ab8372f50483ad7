import Dispatch
import DoctorCore
import FoundationEssentials

/// Which probes a diagnosis runs, and how each one's results start the next: DNS -> TCP per address -> TLS + HTTP on
/// the first address that connects; the proxy path in parallel; the Docker daemon and Azure's view beside them.
public struct ProbePlan: Sendable {
  let request: DiagnosisRequest
  let trust: TrustStore
  let nameservers: [String]
  /// Hosts that follow-ups learnt and probe (ProbePlan+Image, ProbePlan+HomeRegion): each once.
  let probedHosts = HostClaims()
  /// `/info`, asked by the docker.daemon task or the followed pull, whichever is first (ProbePlan+PullPath).
  let dockerDaemon = Memo<DockerDaemonFacts>()

  public init(request: DiagnosisRequest) {
    self.request = request
    self.trust = TrustStore.fromEnvironment(request.environment)
    // Bounded and non-blocking: REGDOCTOR_ETC may hold a 100 MB file or a FIFO. The parser reads no further.
    let resolvConf: String
    switch BoundedFile.readPrefix(request.etc + "/resolv.conf", limit: ResolvConf.maxBytes) {
    case .success(let bytes): resolvConf = String(decoding: bytes, as: UTF8.self)
    case .failure: resolvConf = ""
    }
    let parsed = ResolvConf.parse(resolvConf).nameservers
    // glibc asks 127.0.0.1 when resolv.conf names no nameserver.
    self.nameservers = parsed.isEmpty ? ["127.0.0.1"] : parsed
  }

  public var tasks: [ProbeTask] {
    var tasks = [hostsTask, nameserversTask]
    let proxies = request.proxyEnvironment
    for e in request.endpoints {
      tasks.append(dnsTask(e))
      if let proxy = proxyToTry(for: e, proxies) { tasks.append(proxyTask(e, proxy: proxy, proxies)) }
    }
    tasks.append(dockerTask)
    tasks += pastedErrorTasks
    if let imageTask { tasks.append(imageTask) }
    tasks += pullerTasks
    if request.registry.isACR && request.useAzureCLI { tasks.append(azureTask) }
    return tasks
  }

  /// The result of a probe that ran since `start`: facts and timing only; words are made where it is shown.
  func describe(_ id: ProbeID, _ target: String, _ start: DispatchTime, _ facts: ProbeFacts) -> ProbeResult {
    ProbeResult(id: id, target: target, durationMs: elapsedMs(since: start), facts: facts)
  }

  // MARK: machine-wide

  var hostsTask: ProbeTask {
    let path = request.etc + "/hosts"
    let hosts = request.endpoints.map(\.host)
    return ProbeTask(id: .hostsFile, title: "/etc/hosts", target: path, expects: PendingFacts([.hostsFile])) { _ in
      let start = DispatchTime.now()
      return ProbeOutput(describe(.hostsFile, path, start, .hostsFile(HostsFileCheck.run(path: path, hosts: hosts))))
    }
  }

  var nameserversTask: ProbeTask {
    let path = request.etc + "/resolv.conf"
    let host = request.registry.host
    return ProbeTask(
      id: .nameservers, title: "nameservers", target: path, expects: PendingFacts([.nameservers])
    ) { ctx in
      let start = DispatchTime.now()
      let facts = NameserverCheck.run(resolvConfPath: path, host: host, context: ctx)
      return ProbeOutput(describe(.nameservers, path, start, .nameservers(facts)))
    }
  }

  var dockerTask: ProbeTask {
    let env = request.environment
    let target = env["DOCKER_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "unix:///var/run/docker.sock"
    return ProbeTask(
      id: .dockerDaemon, title: "Docker daemon", target: target,
      expects: PendingFacts([.dockerDaemon, .pullerPath])
    ) { ctx in
      let start = DispatchTime.now()
      let facts = dockerDaemonFacts(ctx)
      return ProbeOutput(
        describe(.dockerDaemon, target, start, .dockerDaemon(facts)), followUps: dockerPathTasks(facts))
    }
  }

  var azureTask: ProbeTask {
    let registry = request.registry
    let known = Set(request.endpoints.map(\.host))
    // Its follow-ups probe the data endpoints Azure names, which may be any.
    let expects = PendingFacts([.azure, .dns, .tcp, .tls, .http])
    return ProbeTask(
      id: .azureRegistry, title: "Azure CLI", target: AzureProbe.target(of: registry), expects: expects
    ) { ctx in
      let start = DispatchTime.now()
      let facts = AzureProbe.run(registry: registry, context: ctx)
      // Data endpoints Azure knows of and the user did not name: probe them too.
      let discovered = facts.dataEndpoints.filter { !known.contains($0) }.map {
        Endpoint(host: $0, role: .dataEndpoint, label: request.dataEndpointLabel($0))
      }
      return ProbeOutput(
        describe(.azureRegistry, AzureProbe.target(of: registry), start, .azure(facts)),
        followUps: discovered.map(dnsTask))
    }
  }

  // MARK: per endpoint, direct

  func dnsTask(_ e: Endpoint) -> ProbeTask { dnsTask(e, path: requestPath(for: e)) }

  /// `trust`: what the TLS follow-up verifies against; the shell's unless the host is one only the puller's path
  /// reaches (a followed pull's blob host: the puller's trust).
  func dnsTask(_ e: Endpoint, path: String, trust: TrustStore? = nil) -> ProbeTask {
    let id = ProbeID.dns(e)
    let hostsPath = request.etc + "/hosts"
    let nameservers = self.nameservers
    // A name's resolution counts whatever path the client takes (nameservers, private zones): not direct-only.
    // An ACR login server's may also start its home region's data endpoint (ProbePlan+HomeRegion): any endpoint.
    let learnsRegion = e.role == .loginServer && request.registry.isACR
    let expects = PendingFacts([.dns, .tcp, .tls, .http], endpoint: learnsRegion ? nil : e.label)
    return ProbeTask(id: id, title: "DNS \(e.label)", target: e.host, expects: expects) { ctx in
      let start = DispatchTime.now()
      let pinned = HostsFileCheck.run(path: hostsPath, hosts: [e.host]).pinned.values.first ?? []
      let facts = makeDNSFacts(endpoint: e, nameservers: nameservers, hostsEntries: pinned, context: ctx)
      let addresses = Array(facts.system.addresses.prefix(4))
      let firstConnected = Once()
      let followUps = addresses.map { tcpTask(e, $0, firstConnected, path: path, trust: trust) }
      let result = describe(id, e.host, start, .dns(facts))
      return ProbeOutput(result, followUps: followUps + homeRegionDataEndpointTasks(e, facts, context: ctx))
    }
  }

  func tcpTask(
    _ e: Endpoint, _ address: ResolvedAddress, _ firstConnected: Once, path: String, trust: TrustStore? = nil
  ) -> ProbeTask {
    let id = ProbeID.tcp(e, address.ip)
    let target = hostPort(address.ip, e.port)
    let expects = PendingFacts(tcpFollowUps(e), endpoint: e.label, directOnly: true)
    return ProbeTask(id: id, title: "TCP \(e.label)", target: target, expects: expects) { ctx in
      let start = DispatchTime.now()
      let facts = TCPProbe.connect(endpoint: e, address: address, context: ctx)
      // TLS and HTTP go to the first address that connects, as a client's dialer would.
      let next =
        facts.outcome == .connected && firstConnected.claim() ? [httpsTask(e, address, path: path, trust: trust)] : []
      return ProbeOutput(describe(id, target, start, .tcp(facts)), followUps: next)
    }
  }

  func httpsTask(_ e: Endpoint, _ address: ResolvedAddress, path: String, trust: TrustStore? = nil) -> ProbeTask {
    let trust = trust ?? self.trust
    let expects = PendingFacts(
      e.role == .loginServer ? tcpFollowUps(e) : [.tls, .http], endpoint: e.label, directOnly: true)
    return ProbeTask(id: .tls(e), title: "TLS+HTTP \(e.label)", target: e.hostPort, expects: expects) { ctx in
      let start = DispatchTime.now()
      let x = HTTPSProbe.run(
        endpoint: e, address: address.ip, proxy: nil, requestPath: path, trust: trust, context: ctx)
      let realm = e.role == .loginServer ? tokenRealmTask(x.http?.challenge, loginServer: e, address: address) : nil
      let repository = absentRepositoryTask(
        after: x.http, e, address: address, proxy: nil, decision: nil, trust: trust)
      return ProbeOutput(
        results: exchangeResults(e, x, viaProxy: false, start: start),
        followUps: [realm, repository].compactMap { $0 })
    }
  }

  /// The token service the registry's challenge names, asked anonymously as `docker login` would first do: on the
  /// connected address when it is the login server itself (ACR), through its own DNS and TCP probes otherwise.
  func tokenRealmTask(_ challenge: AuthChallenge?, loginServer: Endpoint, address: ResolvedAddress) -> ProbeTask? {
    guard let realm = challenge?.realm, let url = URLComponents(string: realm), url.scheme == "https",
      let host = url.host, !host.isEmpty
    else { return nil }
    var query = url.percentEncodedQuery.map { "?\($0)" } ?? ""
    if query.isEmpty, let service = challenge?.service?.percentEncodedForQuery {
      query = "?service=\(service)"
    }
    let path = (url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath) + query
    let realmEndpoint = Endpoint(host: host, port: url.port ?? 443, role: .tokenRealm, label: "token-realm")
    if host.lowercased() == loginServer.host.lowercased() && realmEndpoint.port == loginServer.port {
      return httpsTask(realmEndpoint, address, path: path)
    }
    // Docker Hub's token service is planned from the start.
    if request.endpoints.contains(where: { $0.host == host }) { return nil }
    return dnsTask(realmEndpoint, path: path)
  }

  // MARK: per endpoint, through the proxy

  /// The proxy to test for this endpoint: the one Go (the Docker CLI and daemon) would use, else curl's, else the one
  /// NO_PROXY bypassed — so "the proxy would have worked" can be evidence.
  func proxyToTry(for e: Endpoint, _ env: ProxyEnvironment) -> ProxyURL? {
    env.proxyURL(for: e, rules: .go) ?? env.proxyURL(for: e, rules: .curl) ?? env.configuredHTTPSProxy()
  }

  func proxyTask(_ e: Endpoint, proxy: ProxyURL, _ env: ProxyEnvironment, trust: TrustStore? = nil) -> ProbeTask {
    let trust = trust ?? self.trust
    let path = requestPath(for: e)
    let decision = env.decision(for: e)
    let expects = PendingFacts([.proxy, .tcp, .tls, .http], endpoint: e.label)
    return ProbeTask(id: .proxy(e), title: "proxy \(e.label)", target: proxy.redacted, expects: expects) {
      ctx in
      let start = DispatchTime.now()
      let x = HTTPSProbe.run(
        endpoint: e, address: nil, proxy: proxy, requestPath: path, trust: trust, context: ctx, decision: decision)
      let repository = absentRepositoryTask(
        after: x.http, e, address: nil, proxy: proxy, decision: decision, trust: trust)
      return ProbeOutput(
        results: exchangeResults(e, x, viaProxy: true, start: start), followUps: repository.map { [$0] } ?? [])
    }
  }

  /// One exchange gives up to three results: the proxy's answer, the TLS handshake, the HTTP answer.
  func exchangeResults(_ e: Endpoint, _ x: HTTPSExchange, viaProxy: Bool, start: DispatchTime) -> [ProbeResult] {
    var out: [ProbeResult] = []
    if let p = x.proxy { out.append(describe(.proxy(e), e.hostPort, start, .proxy(p))) }
    if let c = x.connectFailure, x.proxy == nil {
      out.append(describe(.tcp(e, c.address.ip), e.hostPort, start, .tcp(c)))
    }
    if let t = x.tls { out.append(describe(.tls(e, viaProxy: viaProxy), e.hostPort, start, .tls(t))) }
    if let h = x.http { out.append(describe(.http(e, viaProxy: viaProxy), e.hostPort, start, .http(h))) }
    return out
  }

  /// What a TCP probe may still lead to: TLS and HTTP, and from the login server's answer the token realm, which
  /// is counted with the login server's direct path (a client going through its proxy asks the realm through it).
  func tcpFollowUps(_ e: Endpoint) -> Set<FactKind> {
    e.role == .loginServer ? [.dns, .tcp, .tls, .http] : [.tcp, .tls, .http]
  }

  func requestPath(for e: Endpoint) -> String {
    switch e.role {
    case .loginServer: return "/v2/"
    case .tokenRealm where request.registry.kind == .dockerHub: return "/token?service=registry.docker.io"
    default: return "/"
    }
  }
}

/// Lets exactly one of several concurrent probes claim a follow-up.
final class Once: @unchecked Sendable {
  private let lock = ThreadLock()
  private var claimed = false
  func claim() -> Bool {
    lock.withLock {
      defer { claimed = true }
      return !claimed
    }
  }
}
