import DoctorCore

/// Everything one diagnosis needs, as the command line or the wizard gathered it.
public struct DiagnosisRequest: Sendable {
  public var registry: RegistryTarget
  public var symptoms: [SymptomID]
  /// Seconds: the bound of the whole diagnosis, each probe sharing it.
  public var timeout: Double
  public var useAzureCLI: Bool
  public var language: Language
  public var environment: [String: String]
  /// Report as soon as what is still running cannot change the conclusion (`--no-early-stop` waits for every probe).
  public var earlyStop: Bool
  /// What a pasted error (`--error`) names: its proxy and resolver are probed as the failing puller's
  /// (ProbePlan+PastedError.swift).
  public var pastedError: ErrorFacts? = nil
  /// `--image`: follow a real pull of this image (token, manifest, the first blob request and its redirect).
  public var image: ImageReference? = nil

  public init(
    registry: RegistryTarget, symptoms: [SymptomID], timeout: Double, useAzureCLI: Bool, language: Language,
    environment: [String: String], earlyStop: Bool = true
  ) {
    self.registry = registry
    self.symptoms = symptoms
    self.timeout = timeout
    self.useAzureCLI = useAzureCLI
    self.language = language
    self.environment = environment
    self.earlyStop = earlyStop
  }

  /// Where hosts, resolv.conf, docker/daemon.json and systemd drop-ins are read: `/etc`, or `REGDOCTOR_ETC`
  /// to inspect another root (a container's, a lab's).
  public var etc: String { environment["REGDOCTOR_ETC"].flatMap { $0.isEmpty ? nil : $0 } ?? "/etc" }

  public var proxyEnvironment: ProxyEnvironment { ProxyEnvironment(environment: environment) }

  /// The endpoints to check: the login server, each data endpoint, and hosts a pull also touches.
  public var endpoints: [Endpoint] {
    var out = [Endpoint(host: registry.host, port: registry.port, role: .loginServer)]
    for host in registry.dataEndpoints {
      out.append(Endpoint(host: host, role: .dataEndpoint, label: dataEndpointLabel(host)))
    }
    for (i, host) in registry.auxiliaryHosts.enumerated() {
      let label = registry.kind == .dockerHub ? (i == 0 ? "token-realm" : "blob-cdn") : "auxiliary.\(host)"
      out.append(
        Endpoint(host: host, role: i == 0 && registry.kind == .dockerHub ? .tokenRealm : .auxiliary, label: label))
    }
    return out
  }

  /// `data-endpoint.japaneast` for `contoso.japaneast.data.azurecr.io`, else `data-endpoint.<host>`.
  func dataEndpointLabel(_ host: String) -> String {
    "data-endpoint.\(Endpoint.dataEndpointName(host)?.region ?? host)"
  }
}
