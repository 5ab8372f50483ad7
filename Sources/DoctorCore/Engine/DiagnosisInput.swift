/// What the diagnosis rules read: the probe results (typed facts inside), the symptoms, the registry.
public struct DiagnosisInput: Sendable {
  public var registry: RegistryTarget
  public var symptoms: [SymptomID]
  public var probes: [ProbeResult]
  public var proxyEnvironment: ProxyEnvironment
  public init(
    registry: RegistryTarget, symptoms: [SymptomID], probes: [ProbeResult], proxyEnvironment: ProxyEnvironment
  ) {
    self.registry = registry
    self.symptoms = symptoms
    self.probes = probes
    self.proxyEnvironment = proxyEnvironment
  }

  public var dns: [(ProbeResult, DNSFacts)] {
    probes.compactMap { p in if case .dns(let f) = p.facts { (p, f) } else { nil } }
  }
  public var tcp: [(ProbeResult, TCPFacts)] {
    probes.compactMap { p in if case .tcp(let f) = p.facts { (p, f) } else { nil } }
  }
  public var tls: [(ProbeResult, TLSFacts)] {
    probes.compactMap { p in if case .tls(let f) = p.facts { (p, f) } else { nil } }
  }
  public var http: [(ProbeResult, HTTPFacts)] {
    probes.compactMap { p in if case .http(let f) = p.facts { (p, f) } else { nil } }
  }
  public var proxy: [(ProbeResult, ProxyFacts)] {
    probes.compactMap { p in if case .proxy(let f) = p.facts { (p, f) } else { nil } }
  }
  public var nameservers: (ProbeResult, NameserverFacts)? {
    probes.lazy.compactMap { p in if case .nameservers(let f) = p.facts { (p, f) } else { nil } }.first
  }
  public var hostsFile: (ProbeResult, HostsFileFacts)? {
    probes.lazy.compactMap { p in if case .hostsFile(let f) = p.facts { (p, f) } else { nil } }.first
  }
  public var dockerDaemon: (ProbeResult, DockerDaemonFacts)? {
    probes.lazy.compactMap { p in if case .dockerDaemon(let f) = p.facts { (p, f) } else { nil } }.first
  }
  public var azure: (ProbeResult, AzureFacts)? {
    probes.lazy.compactMap { p in if case .azure(let f) = p.facts { (p, f) } else { nil } }.first
  }
}

/// A finding a rule decided on, before the runbook's texts and remedies are attached.
public struct FindingDraft: Sendable, Equatable {
  public var id: FindingID
  /// Facts in plain words, one a line (`dns.login-server: NXDOMAIN from 10.0.0.2`); technical, not translated.
  public var evidence: [String]
  public var probeIDs: [ProbeID]
  /// Values for the remedy templates: registry, loginServer, host, region, clientIP, proxy, dataEndpoint, address.
  public var vars: [TemplateVariable: String]
  /// How sure the evidence makes this finding the root cause; the spec's `FindingRank` makes a rank of it.
  public var likelihood: Likelihood
  public init(
    id: FindingID, evidence: [String], probeIDs: [ProbeID] = [], vars: [TemplateVariable: String] = [:],
    likelihood: Likelihood = .usual
  ) {
    self.id = id
    self.evidence = evidence
    self.probeIDs = probeIDs
    self.vars = vars
    self.likelihood = likelihood
  }

  /// Lower ranks first among findings of the same severity: the more root-cause-like, the lower.
  public var rank: Int { Findings.spec(id).rank.value(likelihood) }
}
