// login-server-dns-failure (C1): a registry name (the login server, an auxiliary host) does not resolve, and no
// Private Link is involved. Observed by DNSFactsProbe (DoctorProbes/DNS): getaddrinfo and the wire view.

enum LoginServerDNSFailure: FindingRule {
  static let spec = FindingSpec(
    id: .loginServerDNSFailure, cause: .clientFirewallOrProxy, severity: .error, rank: 10,
    title: .init(
      en: "The registry login server name does not resolve",
      ja: "レジストリのログイン サーバー名を解決できません"
    ),
    why: .init(
      en:
        "The nameservers answer, but not with an address for the login server (NXDOMAIN or SERVFAIL), so Docker "
        + "reports dial tcp: lookup. No private link zone is involved in the answer.",
      ja: "ネームサーバーは応答していますが、ログイン サーバーのアドレスを返していません (NXDOMAIN または SERVFAIL)。"
        + "そのため Docker は dial tcp: lookup エラーを報告します。応答にはプライベート リンクのゾーンは関係していません。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Look the name up with several tools", ja: "複数のツールで名前を参照する"),
        steps: .init(
          en:
            "Use network utilities such as dig or nslookup for the DNS lookup. A typo in the registry name also "
            + "gives NXDOMAIN: compare with the login server Azure reports for the registry.",
          ja: "DNS の参照には dig や nslookup などのネットワーク ユーティリティを使用します。レジストリ名の入力ミスでも "
            + "NXDOMAIN になるため、Azure が報告するレジストリのログイン サーバーと比較してください。"
        ),
        commands: [
          "getent hosts {host}", "dig +short {host}", "nslookup {host}",
          "az acr show --name {registry} --query loginServer -o tsv",
        ]
      ),
      RemedySpec(
        title: .init(en: "Check the resolver configuration", ja: "リゾルバーの構成を確認する"),
        steps: .init(
          en:
            "A search domain, a split-horizon corporate DNS or a DNS filter can hide azurecr.io names. Ask the DNS "
            + "administrator to resolve or forward azurecr.io (and the data endpoints' data.azurecr.io).",
          ja: "検索ドメイン、社内のスプリット ホライズン DNS、または DNS フィルターによって azurecr.io の名前が解決できない場合が"
            + "あります。azurecr.io (およびデータ エンドポイントの data.azurecr.io) を解決または転送するよう DNS 管理者に"
            + "依頼してください。"
        ),
        commands: ["resolvectl status", "cat /etc/resolv.conf", "resolvectl query {host}"]
      ),
    ]
  )

  static let reads: Set<FactKind> = [.dns, .proxy, .http]

  /// A name that does not resolve at all, no Private Link involved: the login server, an auxiliary host (the token
  /// service has its own finding, token-service-dns-failure: the login server answered).
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      guard e.role.failsAsTheRegistry else { return nil }
      let v = input.view(e)
      guard let (p, d) = v.dns, v.nameDoesNotResolve else { return nil }
      return FindingDraft(id: spec.id, evidence: Evidence.unresolved(p, d), probeIDs: [p.id], vars: v.templateVars)
    }
  }

  /// A name that resolved cannot stop resolving because of what its TCP, TLS or proxy probes say.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    relevant(input, pending).contains { !input.resolvedAlready($0) }
  }
}
