// MARK: Pullers

/// The registry as the puller itself reaches it: `GET /v2/` through the puller's own proxy (Go's rules on its own
/// HTTPS_PROXY and NO_PROXY), verified with the puller's own trust (the system bundle plus
/// /etc/docker/certs.d/<host>/, never the shell's SSL_CERT_FILE). What the shell's probes cannot tell: whether
/// the pull, made by the daemon, gets through.
public struct PullerPathFacts: Sendable {
  public enum Puller: String, Sendable, Codable {
    case docker, containerd, podman, crio
    /// The puller that printed a pasted error, through the proxy the error names (`proxyconnect tcp: dial tcp A:P`).
    case pastedError = "pasted-error"
  }

  public var puller: Puller
  public var endpoint: Endpoint
  /// The proxy the puller uses for this endpoint, redacted; nil when it goes direct.
  public var proxyURL: String?
  /// The entry of the puller's own NO_PROXY that sends this endpoint direct although it has a proxy.
  public var bypassedBy: String?
  /// Where the puller's settings were read: `/info of the daemon at unix:///var/run/docker.sock`.
  public var source: String
  /// The puller's trust, for evidence: `system bundle … + /etc/docker/certs.d/contoso.azurecr.io (1 certificate)`.
  public var trust: String
  /// `system` or `system+certs.d` (the JSON `pullers` section's `trust`).
  public var trustKind: String
  public var proxy: ProxyFacts?
  public var tls: TLSFacts?
  public var http: HTTPFacts?
  public var connectFailure: TCPFacts?
  /// hosts.toml `skip_verify` / registries.conf `insecure`: the puller accepts any chain.
  public var skipVerify = false
  /// Why the path was not tried (its proxy needs credentials the daemon does not show), when it was not.
  public var notTried: String?

  public init(
    puller: Puller, endpoint: Endpoint, proxyURL: String?, source: String, trust: String,
    trustKind: String = "system", bypassedBy: String? = nil, proxy: ProxyFacts? = nil,
    tls: TLSFacts? = nil, http: HTTPFacts? = nil, connectFailure: TCPFacts? = nil, notTried: String? = nil
  ) {
    self.puller = puller
    self.endpoint = endpoint
    self.proxyURL = proxyURL
    self.source = source
    self.trust = trust
    self.trustKind = trustKind
    self.bypassedBy = bypassedBy
    self.proxy = proxy
    self.tls = tls
    self.http = http
    self.connectFailure = connectFailure
    self.notTried = notTried
  }

  /// The registry answered like a registry on this path (any status but 403 and 5xx: a 401 challenge is fine)
  /// over a chain the puller trusts: Go ends the handshake on any other, where regdoctor reads on for evidence.
  /// A mirror the puller tries before the registry (hosts.toml `[host]`, registries.conf `[[registry.mirror]]`):
  /// its endpoint is labelled `mirror.<host>`.
  public var isMirror: Bool { endpoint.label.hasPrefix("mirror.") }

  public var answered: Bool {
    let chainAccepted =
      tls?.outcome == .verified || (skipVerify && [.untrusted, .nameMismatch, .expired].contains(tls?.outcome))
    guard chainAccepted, let h = http, h.outcome == .response, let code = h.statusCode else {
      return false
    }
    return code < 500 && code != 403
  }
}

extension DiagnosisInput {
  public var pullerPaths: [(ProbeResult, PullerPathFacts)] {
    probes.compactMap { p in if case .pullerPath(let f) = p.facts { (p, f) } else { nil } }
  }
}
