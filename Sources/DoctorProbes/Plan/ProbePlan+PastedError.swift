import Dispatch
import DoctorCore

/// What a pasted error names beyond this machine's own settings, probed as the puller that printed it would:
/// - its proxy (`proxyconnect tcp: dial tcp 10.0.0.5:3128: …`), when it is not the shell's, is the daemon's or the
///   node's: the registry is asked through it as that puller would (CONNECT, then TLS and `GET /v2/`);
/// - its resolver (`lookup X on 10.0.0.10:53: …`) is asked directly, beside every resolv.conf nameserver and
///   getaddrinfo, so a finding can say whose answer differs (`dns.resolvers.login-server`, asked on every run).
extension ProbePlan {
  var pastedErrorTasks: [ProbeTask] {
    var out: [ProbeTask] = []
    if let task = pastedProxyTask { out.append(task) }
    if let task = resolverComparisonTask { out.append(task) }
    return out
  }

  // MARK: the pasted proxy

  /// The endpoint the pasted error was fetching, when it is one of ours; else the login server.
  var pastedEndpoint: Endpoint? {
    let host = request.pastedError?.host?.lowercased()
    return request.endpoints.first { $0.host.lowercased() == host }
      ?? request.endpoints.first { $0.role == .loginServer }
  }

  /// `10.0.0.5:3128` or `[fd00::5]:3128` as a plain-HTTP proxy (Go names the dial to an `http://` proxy as
  /// `proxyconnect tcp: dial tcp`); nil for a proxy name without a port (`dial tcp: lookup proxy.corp`).
  static func pastedProxyURL(_ text: String) -> ProxyURL? {
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
      (1...65535).contains(port)
    else { return nil }
    var host = String(text[..<colon])
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    guard !host.isEmpty else { return nil }
    return ProxyURL(scheme: .http, host: host, port: port, username: nil, password: nil, source: "the pasted error")
  }

  var pastedProxyTask: ProbeTask? {
    guard let text = request.pastedError?.proxy, let proxy = Self.pastedProxyURL(text), let e = pastedEndpoint
    else { return nil }
    // The shell's own proxy is probed already (`proxy.<endpoint>`): the same proxy twice says nothing new.
    let env = request.proxyEnvironment
    if let shell = proxyToTry(for: e, env), shell.host.lowercased() == proxy.host.lowercased(),
      shell.port == proxy.port
    {
      return nil
    }
    let login = request.endpoints.first { $0.role == .loginServer } ?? e
    // Its trust is unknown: a daemon's (system bundle plus certs.d) is the likeliest.
    let way = PullerWay(
      puller: .pastedError, proxy: proxy, decision: ProxyDecision(go: proxy.redacted, curl: nil, bypassedBy: nil),
      trust: TrustStore.docker(certsDirectory: request.etc + "/docker/certs.d", registry: login),
      source: "the pasted error (proxyconnect tcp: dial tcp \(text))")
    return pullerPathTask(
      way, e, title: "pasted error's proxy \(e.label)", target: proxy.redacted, requestPath: requestPath(for: e))
  }

  // MARK: the resolvers compared

  /// Docker's embedded DNS answers only inside a container's network namespace: asked from here it says nothing
  /// of the failing container's.
  static let embeddedDockerDNS = "127.0.0.11"

  /// `10.0.0.10:53` -> `10.0.0.10`, `[::1]:53` -> `::1`: resolv.conf's spelling, to tell a pasted resolver that is
  /// one of ours. Another port stays as written.
  static func resolvConfSpelling(_ server: String) -> String {
    if server.hasPrefix("["), let close = server.firstIndex(of: "]") {
      let host = String(server[server.index(after: server.startIndex)..<close])
      return server[close...] == "]:53" || server[close...] == "]" ? host : server
    }
    return server.hasSuffix(":53") && server.filter({ $0 == ":" }).count == 1 ? String(server.dropLast(3)) : server
  }

  var resolverComparisonTask: ProbeTask? {
    guard let e = request.endpoints.first(where: { $0.role == .loginServer }), !isIPAddress(e.host) else {
      return nil
    }
    let nameservers = self.nameservers
    let pasted = request.pastedError?.resolver
    let hostsPath = request.etc + "/hosts"
    let nsswitchPath = request.etc + "/nsswitch.conf"
    let id = ProbeID.resolvers(e)
    return ProbeTask(
      id: id, title: "resolvers \(e.label)", target: e.host, expects: PendingFacts([.resolvers], endpoint: e.label)
    ) { ctx in
      let start = DispatchTime.now()
      let facts = Self.compareResolvers(
        e, nameservers: nameservers, pasted: pasted, hostsPath: hostsPath, nsswitchPath: nsswitchPath, context: ctx)
      return ProbeOutput(describe(id, e.host, start, .resolvers(facts)))
    }
  }

  /// Asks every nameserver and the pasted resolver directly, all in parallel, beside getaddrinfo.
  static func compareResolvers(
    _ e: Endpoint, nameservers: [String], pasted: String?, hostsPath: String, nsswitchPath: String,
    context ctx: ProbeContext
  ) -> ResolverComparisonFacts {
    var sources: [(server: String, source: ResolverAnswer.Source)] = nameservers.map { ($0, .resolvConf) }
    var notAsked: String? = nil
    if let pasted {
      sources.append((pasted, .pastedError))
      let bare = resolvConfSpelling(pasted)
      if bare == embeddedDockerDNS && !nameservers.contains(bare) {
        notAsked = "Docker's embedded DNS, inside the failing container's network namespace only"
      }
    }
    // Each distinct server once.
    var distinct: [String] = []
    for s in sources.map({ resolvConfSpelling($0.server) }) where !distinct.contains(s) { distinct.append(s) }
    if notAsked != nil { distinct.removeAll { $0 == embeddedDockerDNS } }
    let asking = distinct
    let box = LockedSlots<[WireResolver.ServerAnswer]>(count: 1)
    let group = DispatchGroup()
    runBlocking("dns.resolvers", group: group) {
      box.set(0, WireResolver.askAll(e.host, nameservers: asking, attemptTimeout: 3, context: ctx))
    }
    let system = SystemResolver.lookup(e.host, context: ctx)
    _ = group.wait(timeout: ctx.deadline + .milliseconds(100))
    let asked = Dictionary(zip(distinct, box.get(0) ?? []).map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
    let answers = sources.map { server, source -> ResolverAnswer in
      if source == .pastedError, let notAsked {
        return ResolverAnswer(server: server, source: source, outcome: .error, notAsked: notAsked)
      }
      guard let a = asked[resolvConfSpelling(server)] else {
        return ResolverAnswer(server: server, source: source, outcome: .timeout, error: "no answer")
      }
      return ResolverAnswer(
        server: server, source: source, outcome: a.attempt.outcome, addresses: a.chain.addresses.map(\.address.ip),
        ms: a.attempt.ms, error: a.attempt.error)
    }
    return ResolverComparisonFacts(
      endpoint: e, system: system, answers: answers,
      hostsEntries: HostsFileCheck.run(path: hostsPath, hosts: [e.host]).pinned.values.first ?? [],
      nsswitchHosts: nsswitchHosts(path: nsswitchPath))
  }

  /// The sources of nsswitch.conf's `hosts:` line, in order; nil without the file or the line.
  static func nsswitchHosts(path: String) -> [String]? {
    guard case .success(let bytes) = BoundedFile.readPrefix(path, limit: 64 * 1024) else { return nil }
    for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
      let fields = DNSConfigFile.fields(line, commentMarkers: ["#"])
      guard fields.first == "hosts:" else { continue }
      return fields.dropFirst().prefix(16).map { String($0.prefix(64)) }
    }
    return nil
  }
}
