/// Proxies: the shell's (HTTPS_PROXY, NO_PROXY) and the Docker daemon's, which is configured apart.
let proxyRules: [DiagnosisRule] = [proxyFails, noProxyBypass, daemonConfigInvalid, daemonProxy]

/// The proxy the client would use does not tunnel to the registry.
let proxyFails: DiagnosisRule = { input in
  input.endpoints.compactMap { e in
    let v = input.view(e)
    guard let (p, f) = v.proxy, f.decision.go != nil || f.decision.curl != nil else { return nil }
    let id: FindingID
    switch f.outcome {
    case .established: return nil
    case .denied: id = .proxyConnectDenied
    case .closed: id = .proxyConnectionClosed
    case .schemeMismatch: id = .proxySchemeMismatch
    case .unreachable, .timeout, .malformed: id = .proxyUnreachable
    }
    var evidence = ["\(p.id): \(p.summary)"]
    if let line = f.statusLine { evidence.append("status line: \(line)") }
    if let err = f.error { evidence.append("error: \(err)") }
    return FindingDraft(
      id: id, evidence: evidence, probeIDs: [p.id], vars: ["host": e.host, "proxy": f.proxyURL], rank: 8)
  }
}

/// NO_PROXY sends the registry direct, direct is blocked, and the proxy would have worked.
let noProxyBypass: DiagnosisRule = { input in
  input.endpoints.compactMap { e in
    let v = input.view(e)
    guard let (p, f) = v.proxy, let entry = f.decision.bypassedBy, f.decision.go == nil, v.proxyWorks else {
      return nil
    }
    guard v.directBlocked || !v.resolved else { return nil }
    let evidence = [
      "\(p.id): NO_PROXY entry '\(entry)' sends \(e.host) direct",
      "direct: \(v.tcp.map { "\($0.0.id) \($0.1.outcome.rawValue)" }.joined(separator: ", "))",
      "through \(f.proxyURL) the registry answers",
    ]
    return FindingDraft(
      id: .noProxyBypassesProxy, evidence: evidence, probeIDs: [p.id] + v.ids,
      vars: ["host": e.host, "proxy": f.proxyURL, "noProxyEntry": entry], rank: 6)
  }
}

let daemonConfigInvalid: DiagnosisRule = { input in
  guard let (p, d) = input.dockerDaemon else { return [] }
  return d.sources.compactMap { s in
    guard let err = s.parseError else { return nil }
    return FindingDraft(
      id: .dockerDaemonConfigInvalid, evidence: ["\(p.id): \(s.path): \(err)"], probeIDs: [p.id],
      vars: ["path": s.path], rank: 3)
  }
}

/// The shell reaches the registry only through its proxy, but the daemon (which does the pulling) has none, or another.
let daemonProxy: DiagnosisRule = { input in
  guard let (dp, d) = input.dockerDaemon, d.reachable, let login = input.loginServer,
    let (pp, shellProxy) = login.proxy, login.proxyWorks, login.directBlocked || !login.resolved
  else { return [] }
  let vars = ["host": login.endpoint.host, "proxy": shellProxy.proxyURL]
  guard let daemonProxy = d.httpsProxy, !daemonProxy.isEmpty else {
    return [
      FindingDraft(
        id: .dockerDaemonProxyMissing,
        evidence: [
          "\(dp.id): the daemon at \(d.host) has no HTTPS proxy",
          "\(pp.id): the shell's proxy \(shellProxy.proxyURL) reaches the registry",
          "direct from this machine: blocked",
        ], probeIDs: [dp.id, pp.id], vars: vars, rank: 7)
    ]
  }
  var evidence: [String] = []
  if proxyEndpoint(daemonProxy) != proxyEndpoint(shellProxy.proxyURL) {
    evidence.append("\(dp.id): daemon HTTPS proxy \(daemonProxy), shell uses \(shellProxy.proxyURL)")
  }
  // The daemon applies Go's NO_PROXY rules to its own list.
  let daemonEnvironment = ProxyEnvironment(environment: ["HTTPS_PROXY": daemonProxy, "NO_PROXY": d.noProxy ?? ""])
  if let entry = daemonEnvironment.decision(for: login.endpoint).bypassedBy {
    evidence.append("\(dp.id): daemon NO_PROXY entry '\(entry)' sends \(login.endpoint.host) direct, which is blocked")
  }
  guard !evidence.isEmpty else { return [] }
  return [
    FindingDraft(id: .dockerDaemonProxyMismatch, evidence: evidence, probeIDs: [dp.id, pp.id], vars: vars, rank: 40)
  ]
}

/// `host:port` of a proxy URL, ignoring scheme and credentials, to compare two spellings of the same proxy.
func proxyEndpoint(_ url: String) -> String {
  var s = Substring(url.lowercased())
  if let r = s.range(of: "://") { s = s[r.upperBound...] }
  if let at = s.lastIndex(of: "@") { s = s[s.index(after: at)...] }
  return String(s.split(separator: "/").first ?? s)
}
