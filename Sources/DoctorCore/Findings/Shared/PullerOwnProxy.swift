// What puller-proxy-fails and puller-proxy-missing share: the pullers they speak for (podman and CRI-O; the
// Docker daemon and containerd have findings of their own), the name a sentence gives each, and the shell's
// working path beside the puller's failing one.

enum PullerOwnProxy {
  static let pullers: Set<PullerPathFacts.Puller> = [.podman, .crio]

  /// The puller's failing path to the registry or a data endpoint, of podman or CRI-O, that reached no
  /// certificate problem (puller-untrusted-certificate's) and is no mirror (registry-mirror-unreachable's: the
  /// puller falls back from it).
  static func failing(_ input: DiagnosisInput) -> [(ProbeResult, PullerPathFacts)] {
    input.pullerPaths.filter { _, f in
      pullers.contains(f.puller) && !f.isMirror && f.notTried == nil && !f.answered && !ContainerdPath.trustFailure(f)
    }
  }

  /// A puller's settings or path still to come can raise the finding; the shell's facts (`reads`) only while a
  /// failing podman or CRI-O path is still `open` for it (not ruled out by what is known: a path through the
  /// shell's own proxy stays the shell's proxy finding whatever the direct path says).
  static func mayChange(
    _ input: DiagnosisInput, _ pending: [PendingFacts], reads: Set<FactKind>, open: (PullerPathFacts) -> Bool
  ) -> Bool {
    if pending.contains(where: { !$0.kinds.isDisjoint(with: [.puller, .pullerPath]) }) { return true }
    return failing(input).contains { open($0.1) } && pending.contains { !$0.kinds.isDisjoint(with: reads) }
  }

  /// The puller goes through the proxy the shell's Go client uses for the same endpoint.
  static func usesTheShellsProxy(_ input: DiagnosisInput, _ f: PullerPathFacts) -> Bool {
    let view = input.view(f.endpoint)
    guard view.goUsesProxy, let own = view.proxy?.1.proxyURL, let proxy = f.proxyURL else { return false }
    return DaemonProxy.endpoint(own) == DaemonProxy.endpoint(proxy)
  }

  /// The shell's proxy to the same endpoint when Go sends the endpoint through it and it tunnels.
  static func workingShellProxy(_ input: DiagnosisInput, _ f: PullerPathFacts) -> (ProbeResult, ProxyFacts)? {
    let view = input.view(f.endpoint)
    guard view.goUsesProxy else { return nil }
    return ContainerdPath.workingShellProxy(input, f)
  }

  /// The evidence line and template values of the shell's working path: its proxy, or direct.
  static func shellPath(_ input: DiagnosisInput, _ f: PullerPathFacts) -> (
    evidence: [String], vars: [TemplateVariable: String]
  ) {
    var vars: [TemplateVariable: String] = [.host: f.endpoint.host, .puller: name(f.puller)]
    if let (pp, shell) = workingShellProxy(input, f) {
      vars[.proxy] = shell.proxyURL
      return (["\(pp.id): the shell's proxy \(shell.proxyURL) reaches \(f.endpoint.host)"], vars)
    }
    let view = input.view(f.endpoint)
    if view.directWorks, let (hp, _) = view.directHTTP {
      return (["\(hp.id): the shell reaches \(f.endpoint.host) directly"], vars)
    }
    return ([], vars)
  }

  /// `podman`, `CRI-O`.
  static func name(_ puller: PullerPathFacts.Puller) -> String {
    switch puller {
    case .crio: "CRI-O"
    case .docker: "the Docker daemon"
    case .pastedError: "the pasted error's puller"
    case .containerd, .podman: puller.rawValue
    }
  }
}
