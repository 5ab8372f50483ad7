// MARK: Pullers other than the Docker daemon

/// containerd (the kubelet's puller on Kubernetes and AKS nodes), podman (pulls in the user's own process) and
/// CRI-O: where each was found, the proxy it runs with and the proxy its files give it, its trust and mirrors
/// for the registry, and every file that could not be read. Proxy values are redacted here; the raw ones go to
/// the path probe only, in memory.
public struct PullerConfigFacts: Sendable {
  public enum Kind: String, Sendable, Codable {
    case containerd, podman, crio
  }

  /// One file read (or not): a fact for the report, never a crash.
  public struct File: Sendable, Equatable {
    public enum State: String, Sendable { case read, missing, unreadable, invalid }
    public var path: String
    public var state: State
    public var note: String?

    public init(path: String, state: State, note: String? = nil) {
      self.path = path
      self.state = state
      self.note = note
    }
  }

  public var kind: Kind
  /// `unix:///run/containerd/containerd.sock`, `/usr/bin/podman`.
  public var location: String
  public var pid: Int?
  public var version: String?
  /// Whether it makes pulls on this machine: containerd with its CRI plugin (the kubelet's pulls). Docker's
  /// own containerd (CRI disabled) stores images; dockerd pulls. Said why in `role`.
  public var pulls: Bool
  public var role: String
  /// The proxy the running process has (/proc/PID/environ), redacted; nil with `runningUnknown` when unreadable.
  public var running: ProxyVariables?
  public var runningUnknown: String?
  /// The proxy its files give it at the next start (drop-ins, EnvironmentFile, containers.conf), redacted.
  public var configured: ProxyVariables
  /// The files that set `configured`, in order.
  public var configuredSources: [String]
  public var files: [File]
  /// The registry host's settings: hosts.toml (containerd) or registries.conf (podman, CRI-O).
  public var hostsFile: String?
  /// The hosts a pull tries for the registry, in order (mirrors first), and the last is the registry itself.
  public var pullHosts: [String]
  /// CA files the puller adds for the registry (hosts.toml `ca`, certs.d/<host>/*.crt).
  public var caFiles: [String]
  public var skipVerify: Bool
  /// The registry is `blocked = true` in registries.conf: podman refuses every pull from it.
  public var blocked: Bool

  public init(
    kind: Kind, location: String, pid: Int? = nil, version: String? = nil, pulls: Bool, role: String,
    running: ProxyVariables? = nil, runningUnknown: String? = nil, configured: ProxyVariables = ProxyVariables(),
    configuredSources: [String] = [], files: [File] = [], hostsFile: String? = nil, pullHosts: [String] = [],
    caFiles: [String] = [], skipVerify: Bool = false, blocked: Bool = false
  ) {
    self.kind = kind
    self.location = location
    self.pid = pid
    self.version = version
    self.pulls = pulls
    self.role = role
    self.running = running
    self.runningUnknown = runningUnknown
    self.configured = configured
    self.configuredSources = configuredSources
    self.files = files
    self.hostsFile = hostsFile
    self.pullHosts = pullHosts
    self.caFiles = caFiles
    self.skipVerify = skipVerify
    self.blocked = blocked
  }

  /// What the pulls use now: the running process's proxy when it could be read, else its files'.
  public var effective: ProxyVariables { running ?? configured }

  /// Where `effective` was learnt.
  public var effectiveSource: String {
    if running != nil, let pid { return "/proc/\(pid)/environ" }
    return configuredSources.last ?? "no proxy configured"
  }

  /// The running process uses another proxy than its files set: it was not restarted after the change (or
  /// `systemctl daemon-reload` was not run). Only when both are known.
  public var restartNeeded: Bool {
    guard let running, kind != .podman else { return false }
    return DaemonProxyComparison.differs(running, configured)
  }

  /// Short name in sentences: `containerd`, `podman`, `CRI-O`.
  public var name: String { kind == .crio ? "CRI-O" : kind.rawValue }

  /// `systemctl daemon-reload && systemctl restart containerd`.
  public var restartCommand: String? {
    switch kind {
    case .containerd: "systemctl daemon-reload && systemctl restart containerd"
    case .crio: "systemctl daemon-reload && systemctl restart crio"
    case .podman: nil
    }
  }
}

enum DaemonProxyComparison {
  /// Two environments' proxy settings differ where it matters: the HTTPS proxy's host and port, or NO_PROXY.
  static func differs(_ a: ProxyVariables, _ b: ProxyVariables) -> Bool {
    func endpoint(_ s: String?) -> String { s.map(DaemonProxy.endpoint) ?? "" }
    func entries(_ s: String?) -> [String] {
      (s ?? "").split(separator: ",").map { $0.trimmingWhitespace.lowercased() }.filter { !$0.isEmpty }.sorted()
    }
    return endpoint(a.httpsProxy) != endpoint(b.httpsProxy) || entries(a.noProxy) != entries(b.noProxy)
  }
}

extension DiagnosisInput {
  /// The pullers other than the Docker daemon, with their probes.
  public var pullerConfigs: [(ProbeResult, PullerConfigFacts)] {
    probes.compactMap { p in if case .puller(let f) = p.facts { (p, f) } else { nil } }
  }
}
