// registry-server-error (registry-service): the network delivered the request and the registry, or a gateway in
// front of it (an application gateway, a load balancer, a reverse proxy), answered 5xx (502, 503, 504) at once: on
// `/v2/`, on the token service, or on the pull's own requests (`--image`; without it, the manifest of a repository
// that does not exist: AbsentRepositoryCheck.swift). Observed by HTTPSProbe and PullFollower.

enum RegistryServerError: FindingRule {
  static let spec = FindingSpec(
    id: .registryServerError, cause: .registryService, severity: .error, rank: 12,
    title: .init(
      en: "The registry, or a gateway in front of it, answers with a server error",
      ja: "レジストリ、またはその前段のゲートウェイがサーバー エラーを返します"
    ),
    why: .init(
      en:
        "TCP and TLS to {host} work and the request arrives, but the answer is a server error (5xx): the registry "
        + "or a gateway in front of it fails by itself. docker pull reports received unexpected HTTP status: 502 Bad "
        + "Gateway (or 503, 504); no network change on this machine fixes it.",
      ja: "{host} への TCP と TLS は成功し要求も届いていますが、応答はサーバー エラー (5xx) です。レジストリまたはその前段の"
        + "ゲートウェイ自体が失敗しています。docker pull は received unexpected HTTP status: 502 Bad Gateway (または 503、"
        + "504) を報告し、このマシンのネットワークを変更しても解決しません。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Check the registry's and the gateway's health",
          ja: "レジストリとゲートウェイの正常性を確認する"
        ),
        steps: .init(
          en:
            "For ACR, check Azure status and the registry's health, and retry later. For a self-hosted registry "
            + "behind a gateway or reverse proxy, check that the gateway's upstream (the registry) is running and "
            + "reachable from the gateway, and read both logs.",
          ja: "ACR の場合は Azure の状態とレジストリの正常性を確認し、後で再試行します。ゲートウェイまたはリバース プロキシの"
            + "背後にあるセルフホストのレジストリでは、ゲートウェイのアップストリーム (レジストリ) が稼働しゲートウェイから"
            + "到達できることを確認し、両方のログを確認してください。"
        ),
        commands: [
          "curl -sv --max-time 10 -o /dev/null https://{host}/v2/",
          "az acr check-health --name {registry} --ignore-errors --yes",
        ]
      )
    ]
  )

  static let reads: Set<FactKind> = [.http, .pull]

  /// The first 5xx on the client's path to the login server or its token service, else on the followed pull, else
  /// a gateway's on the absent repository's manifest.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    for e in input.endpoints where e.role == .loginServer || e.role == .tokenRealm {
      guard let (p, h) = input.view(e).clientHTTP, h.outcome == .response, let code = h.statusCode,
        (500..<600).contains(code)
      else { continue }
      return [draft(host: e.hostPort, "\(p.id): \(Evidence.http(h))", p.id)]
    }
    if let (p, pull) = input.pull, let step = pull.serverError, let code = step.statusCode {
      return [draft(host: step.host, "\(p.id): \(step.kind.rawValue) GET \(step.path) -> \(code)", p.id)]
    }
    // Without --image: /v2/ answered, the absent repository's manifest met a gateway's 5xx, as every pull would.
    if let login = input.loginServer, let (p, h) = login.clientRepositoryHTTP, h.isGatewayFailure {
      let line = "\(p.id): \(Evidence.http(h)) (a repository that does not exist: a registry answers 401 or 404)"
      return [draft(host: login.endpoint.hostPort, line, p.id)]
    }
    return []
  }

  private static func draft(host: String, _ line: String, _ id: ProbeID) -> FindingDraft {
    FindingDraft(
      id: spec.id, evidence: [line, "the connection and TLS worked: the answer came from the server side"],
      probeIDs: [id], vars: [.host: host])
  }

  /// Facts of a direct path the client does not take (it goes through its proxy) cannot change this.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    !relevant(input, pending).isEmpty
  }
}
