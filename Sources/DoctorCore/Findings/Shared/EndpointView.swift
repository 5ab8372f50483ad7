/// Everything measured about one endpoint, gathered once so each rule reads like the decision it makes.
struct EndpointView {
  let endpoint: Endpoint
  let dns: (ProbeResult, DNSFacts)?
  let tcp: [(ProbeResult, TCPFacts)]
  let directTLS: (ProbeResult, TLSFacts)?
  let directHTTP: (ProbeResult, HTTPFacts)?
  let proxy: (ProbeResult, ProxyFacts)?
  let proxiedTLS: (ProbeResult, TLSFacts)?
  let proxiedHTTP: (ProbeResult, HTTPFacts)?
  /// The absent repository's manifest (AbsentRepositoryCheck.swift), kept apart: its 404 is no answer to `/v2/`.
  let directRepositoryHTTP: (ProbeResult, HTTPFacts)?
  let proxiedRepositoryHTTP: (ProbeResult, HTTPFacts)?

  init(_ endpoint: Endpoint, _ input: DiagnosisInput) {
    self.endpoint = endpoint
    let label = endpoint.label
    dns = input.dns.first { $0.1.endpoint.label == label }
    tcp = input.tcp.filter { $0.1.endpoint.label == label }
    directTLS = input.tls.first { $0.1.endpoint.label == label && $0.1.path == .direct }
    let http = input.http.filter { $0.1.endpoint.label == label }
    let (api, repository) = (http.filter { !$0.1.asksAbsentRepository }, http.filter { $0.1.asksAbsentRepository })
    directHTTP = api.first { $0.1.path == .direct && $0.1.endpoint.role == endpoint.role }
    proxy = input.proxy.first { $0.1.endpoint.label == label }
    proxiedTLS = input.tls.first { $0.1.endpoint.label == label && $0.1.path != .direct }
    proxiedHTTP = api.first { $0.1.path != .direct }
    directRepositoryHTTP = repository.first { $0.1.path == .direct }
    proxiedRepositoryHTTP = repository.first { $0.1.path != .direct }
  }

  /// Go (dockerd, the docker CLI) sends this endpoint through the proxy.
  var goUsesProxy: Bool { proxy?.1.decision.go != nil }

  var resolved: Bool { dns.map { $0.1.system.outcome == .resolved && !$0.1.system.addresses.isEmpty } ?? false }
  var addresses: [ResolvedAddress] { dns?.1.system.addresses ?? [] }
  var allPrivate: Bool { !addresses.isEmpty && addresses.allSatisfy { $0.addressClass == .private } }
  var anyPublic: Bool { addresses.contains { $0.addressClass == .public } }
  var viaPrivateLink: Bool { dns?.1.viaPrivateLink ?? false }

  var anyConnected: Bool { tcp.contains { $0.1.outcome == .connected } }
  /// Direct TCP was tried and nothing connected.
  var directBlocked: Bool { !tcp.isEmpty && !anyConnected }

  var proxyWorks: Bool { proxy?.1.outcome == .established && proxiedHTTP.map { answered($0.1) } == true }

  /// The registry answered like a registry (any HTTP status but 403 and 5xx).
  func answered(_ h: HTTPFacts) -> Bool {
    guard h.outcome == .response, let c = h.statusCode else { return false }
    return c < 500 && c != 403
  }

  var directWorks: Bool { directHTTP.map { answered($0.1) } ?? false }

  /// The TLS and HTTP results on the path the Docker client would take.
  var clientTLS: (ProbeResult, TLSFacts)? { goUsesProxy ? proxiedTLS : directTLS }
  var clientHTTP: (ProbeResult, HTTPFacts)? { goUsesProxy ? proxiedHTTP : directHTTP }
  /// The absent repository's manifest on the client's path.
  var clientRepositoryHTTP: (ProbeResult, HTTPFacts)? { goUsesProxy ? proxiedRepositoryHTTP : directRepositoryHTTP }

  var region: String? { endpoint.region }

  /// The name does not resolve and no Private Link is involved (a privatelink name that is missing is its own
  /// finding). Through a working proxy the client never resolves the name itself, so it does not count then.
  var nameDoesNotResolve: Bool {
    dns != nil && !resolved && !viaPrivateLink && !cnameLoops && !(goUsesProxy && proxyWorks)
  }

  /// The nameserver answered with a CNAME chain that loops or never ends (dns-cname-loop).
  var cnameLoops: Bool { dns?.1.wire?.outcome == .cnameLoop }

  /// The public name CNAMEs to a privatelink name, and that name has no address.
  var privateLinkNameMissing: Bool { dns != nil && viaPrivateLink && !resolved }

  /// The client goes direct here, and nothing connects.
  var directPathFails: Bool { !goUsesProxy && directBlocked }
  /// Every address actively refused (RST), rather than staying silent.
  var allRefused: Bool { tcp.allSatisfy { $0.1.outcome == .refused } }
  /// A private endpoint: the name goes through Private Link, or an ACR's addresses are all private.
  func looksPrivate(_ registry: RegistryTarget) -> Bool { viaPrivateLink || (registry.isACR && allPrivate) }

  /// Remedy values that name this endpoint: host, and for a data endpoint the data endpoint and its region.
  var templateVars: [TemplateVariable: String] {
    var vars: [TemplateVariable: String] = [.host: endpoint.host]
    if endpoint.role == .dataEndpoint { vars[.dataEndpoint] = endpoint.host }
    if let region { vars[.region] = region }
    return vars
  }

  /// Remedy values for a connection that failed: the host and the first address tried.
  var addressVars: [TemplateVariable: String] { [.host: endpoint.host, .address: tcp.first?.1.address.ip ?? ""] }

  var ids: [ProbeID] { [dns?.0.id].compactMap { $0 } + tcp.map(\.0.id) }
}

extension DiagnosisInput {
  /// The endpoints that were probed, login server first, in probe order.
  var endpoints: [Endpoint] {
    var seen = Set<String>()
    var out: [Endpoint] = []
    for p in probes {
      if let e = p.facts.endpoint, seen.insert(e.label).inserted { out.append(e) }
    }
    return out.filter { $0.role == .loginServer } + out.filter { $0.role != .loginServer }
  }

  func view(_ e: Endpoint) -> EndpointView { EndpointView(e, self) }

  var loginServer: EndpointView? { endpoints.first { $0.role == .loginServer }.map(view) }
}
