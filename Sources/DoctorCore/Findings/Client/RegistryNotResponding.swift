// registry-not-responding (C1): TCP and TLS succeed but no complete HTTP answer arrives in time (Go:
// `Client.Timeout exceeded while awaiting headers`), or what comes is not HTTP. A 5xx is an answer: registry-server-error.

enum RegistryNotResponding: FindingRule {
  static let spec = FindingSpec(
    id: .registryNotResponding, cause: .clientFirewallOrProxy, severity: .error, rank: 35,
    title: .init(
      en: "The registry accepts the connection but sends no answer in time",
      ja: "レジストリへの接続は確立されますが、時間内に応答がありません"
    ),
    why: .init(
      en:
        "TCP and TLS succeed, yet no complete HTTP response arrives: a device on the path (proxy, IPS, DLP) holds "
        + "the request. This is the classic Client.Timeout exceeded while awaiting headers.",
      ja: "TCP と TLS は成功していますが、完全な HTTP 応答が届きません。経路上のデバイス (プロキシ、IPS、DLP) が要求を"
        + "保留しています。これが典型的な Client.Timeout exceeded while awaiting headers エラーです。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Measure where the request stalls", ja: "要求が停止する段階を計測する"),
        steps: .init(
          en:
            "A healthy registry answers /v2/ with 401 within a second. Compare the time to connect, to finish TLS "
            + "and to the first byte.",
          ja: "正常なレジストリは /v2/ に対して 1 秒以内に 401 を返します。接続、TLS の完了、最初のバイトまでの時間を"
            + "比較してください。"
        ),
        commands: [
          "curl -sv --max-time 30 -o /dev/null -w 'connect=%{time_connect} tls=%{time_appconnect} "
            + "first-byte=%{time_starttransfer} status=%{http_code}\\n' https://{hostPort}/v2/"
        ]
      ),
      RemedySpec(
        title: .init(
          en: "Allow the registry through the inspecting device",
          ja: "インスペクション デバイスでレジストリの通信を許可する"
        ),
        steps: .init(
          en:
            "Ask the network team to check the proxy, IPS or DLP logs for {host} and to allow the registry's "
            + "REST and data endpoints without holding requests.",
          ja: "プロキシ、IPS、DLP のログで {host} を確認し、レジストリの REST エンドポイントとデータ エンドポイントへの要求を"
            + "保留せずに許可するよう、ネットワーク チームに依頼してください。"
        ),
        commands: ["az acr show-endpoints --name {registry}"]
      ),
      SharedRemedies.checkHealth,
    ]
  )

  static let reads: Set<FactKind> = [.http, .proxy]

  /// The registry's own HTTP answer on the client's path is missing or broken. An answer of 5xx did arrive: the
  /// server side failed (registry-server-error).
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      let v = input.view(e)
      guard let (p, h) = v.clientHTTP else { return nil }
      // A 403 naming the client IP is the registry's firewall: registry-firewall-denies-client-ip decides it.
      let notResponding = h.outcome != .response
      guard notResponding else { return nil }
      let timing = h.phases.isEmpty ? "" : " (\(formatPhases(h.phases)))"
      var vars: [TemplateVariable: String] = [.host: e.host]
      if let r = v.region { vars[.region] = r }
      return FindingDraft(
        id: spec.id, evidence: ["\(p.id): \(Evidence.http(h))\(timing)"], probeIDs: [p.id], vars: vars)
    }
  }

  /// Facts of a direct path the client does not take (it goes through its proxy) cannot change this.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    !relevant(input, pending).isEmpty
  }
}
