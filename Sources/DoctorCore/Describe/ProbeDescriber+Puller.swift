// The puller's own path to the registry (`puller.docker.<endpoint>`), in words.

extension Evidence {
  /// `the daemon's proxy http://10.0.0.4:3128: proxy … unreachable` / `direct: untrusted chain, issuer …`.
  static func pullerPath(_ f: PullerPathFacts) -> String {
    let owner: String
    switch f.puller {
    case .docker: owner = "the daemon's"
    case .pastedError: owner = "the pasted error's"
    case .crio: owner = "CRI-O's"
    case .containerd, .podman: owner = "\(f.puller.rawValue)'s"
    }
    let path =
      f.proxyURL.map { "via \(owner) proxy \($0)" }
      ?? f.bypassedBy.map { "direct (\(owner) NO_PROXY entry '\($0)')" } ?? "direct"
    if let why = f.notTried { return "\(path): not tried (\(why))" }
    if let p = f.proxy, p.outcome != .established { return "\(path): \(proxy(p))" }
    if let c = f.connectFailure { return "\(path): \(tcp(c))" }
    if let t = f.tls, t.outcome != .verified { return "\(path): \(tls(t)) (\(owner) trust: \(f.trust))" }
    if let h = f.http { return "\(path): \(http(h))" }
    return "\(path): no answer"
  }
}

extension ProbeDescriber {
  static func pullerPath(_ f: PullerPathFacts, _ l: Language) -> (ProbeStatus, String, [Detail], [PhaseTiming]) {
    var details = [
      Detail("puller", f.puller.rawValue), Detail("settings from", f.source),
      Detail("proxy (Go's rules, the daemon's NO_PROXY)", f.proxyURL ?? "direct"), Detail("trust", f.trust),
    ]
    if let t = f.tls { details += tls(t, l).2 }
    if let h = f.http, let code = h.statusCode { details.append(Detail("status", "\(code) \(h.reasonPhrase ?? "")")) }
    let prefix: String
    switch f.puller {
    case .docker: prefix = "Docker デーモン自身の経路: "
    case .pastedError: prefix = "貼り付けたエラーのプロキシ経由: "
    case .containerd, .podman, .crio: prefix = "\(f.puller.rawValue)自身の経路: "
    }
    let summary = t(l, Evidence.pullerPath(f), prefix + Evidence.pullerPath(f))
    if f.notTried != nil { return (.skip, summary, details, []) }
    let phases = (f.proxy.map { [PhaseTiming(.proxyconnect, $0.ms)] } ?? []) + (f.http?.phases ?? [])
    return (f.answered ? .pass : .fail, summary, details, phases)
  }
}
