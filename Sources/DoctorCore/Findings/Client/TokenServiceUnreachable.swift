// token-service-unreachable (C1): the login server answered, the token service its 401 challenge names resolves,
// but no connection to it succeeds (dropped or refused), so `docker login` and every pull stop at the token.
// Observed by the realm's DNS and TCP probes (DoctorProbes/Plan/ProbePlan.swift, tokenRealmTask).

enum TokenServiceUnreachable: FindingRule {
  static let spec = FindingSpec(
    id: .tokenServiceUnreachable, cause: .clientFirewallOrProxy, severity: .error, rank: 21,
    title: .init(
      en: "The registry's token service cannot be reached",
      ja: "レジストリのトークン サービスに到達できません"
    ),
    why: .init(
      en:
        "The login server answers and sends clients to its token service {host} for a token (the realm of its "
        + "401 challenge). The name resolves, but connections to {address} port {port} fail, so docker login and "
        + "every pull fail there although the login server itself is reachable: a firewall that allows only the "
        + "login server's address.",
      ja: "ログイン サーバーは応答し、トークンを取得するためにトークン サービス {host} (401 チャレンジの realm) へクライアントを"
        + "誘導しています。名前は解決されますが、{address} のポート {port} への接続が失敗するため、ログイン サーバー自体には"
        + "到達できるものの、docker login とすべてのプルがそこで失敗します。ログイン サーバーのアドレスだけを許可している"
        + "ファイアウォールが原因です。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Test the token service by hand", ja: "トークン サービスを手動で確認する"),
        steps: .init(
          en: "A timeout means a firewall drops the connection; a refusal means something rejects it on the way.",
          ja: "タイムアウトする場合はファイアウォールが接続を破棄しており、拒否される場合は途中の何かが接続を拒否しています。"
        ),
        commands: ["getent hosts {hostName}", "nc -vz -w 5 {host} {port}", "curl -sv -o /dev/null https://{host}/"]
      ),
      RemedySpec(
        title: .init(
          en: "Allow the token service in the firewall or proxy", ja: "ファイアウォールまたはプロキシでトークン サービスを許可する"
        ),
        steps: .init(
          en:
            "Egress rules that list the login server must list the token service as well: ask the network team to "
            + "allow TCP {port} to {host} (or to add it to the proxy's allow list).",
          ja: "ログイン サーバーを許可している送信規則には、トークン サービスも含める必要があります。{host} への TCP {port} を"
            + "許可する (またはプロキシの許可リストに追加する) ようネットワーク チームに依頼してください。"
        ),
        commands: ["sudo nft list ruleset", "sudo iptables -S OUTPUT"]
      ),
    ]
  )

  static let reads: Set<FactKind> = [.dns, .tcp, .proxy, .http]

  /// The realm resolved, the client goes direct to it, and nothing connects.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      guard e.role == .tokenRealm else { return nil }
      let v = input.view(e)
      guard v.directPathFails else { return nil }
      var vars = v.addressVars
      vars[.port] = String(e.port)
      return FindingDraft(
        id: spec.id, evidence: TokenServiceEvidence.named(input) + Evidence.connects(v),
        probeIDs: TokenServiceEvidence.loginProbeIDs(input) + v.ids, vars: vars)
    }
  }

  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    !relevant(input, pending).isEmpty
  }
}
