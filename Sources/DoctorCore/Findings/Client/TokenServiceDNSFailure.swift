// token-service-dns-failure (C1): the login server answered, but the token service its 401 challenge names
// (`realm="https://auth.example/token"`) does not resolve, so `docker login` and every pull stop at the token.
// Observed by the realm's own DNS probe (DoctorProbes/Plan/ProbePlan.swift, tokenRealmTask).

enum TokenServiceDNSFailure: FindingRule {
  static let spec = FindingSpec(
    id: .tokenServiceDNSFailure, cause: .clientFirewallOrProxy, severity: .error, rank: 11,
    title: .init(
      en: "The registry's token service name does not resolve",
      ja: "レジストリのトークン サービス名を解決できません"
    ),
    why: .init(
      en:
        "The login server answers and sends clients to its token service {host} for a token (the realm of its "
        + "401 challenge), but that name does not resolve (NXDOMAIN or SERVFAIL). docker login and every pull fail "
        + "there, with dial tcp: lookup {host}, although the login server itself is reachable.",
      ja: "ログイン サーバーは応答し、トークンを取得するためにトークン サービス {host} (401 チャレンジの realm) へクライアントを"
        + "誘導していますが、その名前を解決できません (NXDOMAIN または SERVFAIL)。ログイン サーバー自体には到達できるものの、"
        + "docker login とすべてのプルがそこで dial tcp: lookup {host} エラーになり失敗します。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Look the token service name up", ja: "トークン サービス名を参照する"),
        steps: .init(
          en:
            "Compare what this machine resolves with what a public resolver answers. The realm is what the registry "
            + "says, so a name that exists nowhere is the registry's configuration, not this machine's.",
          ja: "このマシンでの解決結果と、パブリック リゾルバーの応答を比較します。realm はレジストリが示す名前のため、"
            + "どこにも存在しない名前であれば、このマシンではなくレジストリ側の構成の問題です。"
        ),
        commands: [
          "getent hosts {host}", "dig +short {host}", "curl -sI https://{loginServer}/v2/ | grep -i www-authenticate",
        ]
      ),
      RemedySpec(
        title: .init(
          en: "Let the DNS servers resolve the token service too", ja: "DNS サーバーでトークン サービスも解決できるようにする"
        ),
        steps: .init(
          en:
            "A split-horizon corporate DNS, a DNS filter or a private zone that holds only the login server's name "
            + "hides the token service. Ask the DNS administrator to resolve or forward {host} as well.",
          ja: "社内のスプリット ホライズン DNS、DNS フィルター、またはログイン サーバーの名前しか持たないプライベート ゾーンに"
            + "よって、トークン サービスの名前が解決できなくなります。{host} も解決または転送するよう DNS 管理者に依頼してください。"
        ),
        commands: ["resolvectl query {host}", "cat /etc/resolv.conf"]
      ),
    ]
  )

  static let reads: Set<FactKind> = [.dns, .proxy, .http]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      guard e.role == .tokenRealm else { return nil }
      let v = input.view(e)
      guard let (p, d) = v.dns, v.nameDoesNotResolve else { return nil }
      return FindingDraft(
        id: spec.id, evidence: TokenServiceEvidence.named(input) + Evidence.unresolved(p, d),
        probeIDs: TokenServiceEvidence.loginProbeIDs(input) + [p.id], vars: v.templateVars)
    }
  }

  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    relevant(input, pending).contains { !input.resolvedAlready($0) }
  }
}
