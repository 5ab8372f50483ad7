// dns-server-unreachable (C1): every nameserver of resolv.conf is silent, and the login server did not resolve.
// Observed by NameserverCheck (DoctorProbes/DNS) as NameserverFacts, each nameserver asked directly.

enum DNSServerUnreachable: FindingRule {
  static let spec = FindingSpec(
    id: .dnsServerUnreachable, cause: .clientFirewallOrProxy, severity: .error, rank: 5,
    title: .init(
      en: "The configured DNS servers do not answer",
      ja: "構成されている DNS サーバーが応答しません"
    ),
    why: .init(
      en:
        "Without an answer from a nameserver no registry name can be resolved, so every push and pull fails with "
        + "dial tcp: lookup before a single packet reaches the registry.",
      ja: "ネームサーバーから応答がないとレジストリ名を解決できないため、レジストリにパケットが 1 つも届く前に、"
        + "すべてのプッシュとプルが dial tcp: lookup エラーで失敗します。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Check which nameservers this machine uses", ja: "このマシンが使用するネームサーバーを確認する"),
        steps: .init(
          en:
            "Compare the nameservers with the ones your network should hand out. With systemd-resolved, "
            + "/etc/resolv.conf points to the local stub 127.0.0.53 and resolvectl shows the real upstream servers.",
          ja: "ネームサーバーが、ネットワークで配布されるべきものと一致しているか確認します。systemd-resolved を使用している場合、"
            + "/etc/resolv.conf はローカル スタブ 127.0.0.53 を指し、実際の上位サーバーは resolvectl で確認できます。"
        ),
        commands: ["resolvectl status", "cat /etc/resolv.conf"]
      ),
      RemedySpec(
        title: .init(
          en: "Query a nameserver directly and allow DNS traffic to it",
          ja: "ネームサーバーに直接問い合わせ、DNS トラフィックを許可する"
        ),
        steps: .init(
          en:
            "If a direct query times out, a firewall drops DNS (UDP and TCP port 53) between this machine and the "
            + "nameserver, or the nameserver is down. In an Azure virtual network, custom DNS server VMs must be "
            + "running and able to reach Azure DNS at 168.63.129.16.",
          ja: "直接の問い合わせがタイムアウトする場合は、このマシンとネームサーバーの間でファイアウォールが DNS (UDP および TCP "
            + "ポート 53) を破棄しているか、ネームサーバーが停止しています。Azure 仮想ネットワークでは、カスタム DNS サーバーの VM が"
            + "実行中で、Azure DNS (168.63.129.16) に到達できる必要があります。"
        ),
        commands: [
          "dig @<nameserver-ip> {host} +time=3 +tries=1",
          "dig @<nameserver-ip> {host} +tcp +time=3 +tries=1",
        ]
      ),
      RemedySpec(
        title: .init(en: "Confirm name resolution after the fix", ja: "修正後に名前解決を確認する"),
        steps: .init(
          en: "getent uses the same resolver path as Docker and most tools, including /etc/hosts.",
          ja: "getent は、/etc/hosts を含め、Docker や多くのツールと同じ名前解決の経路を使用します。"
        ),
        commands: ["getent hosts {host}"]
      ),
    ]
  )

  static let reads: Set<FactKind> = [.nameservers, .dns]

  /// Every configured nameserver is silent, and the login server did not resolve: nothing else can work.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    guard let (p, ns) = input.nameservers, !ns.attempts.isEmpty, ns.silent.count == ns.attempts.count else {
      return []
    }
    if let login = input.loginServer, login.resolved { return [] }
    let evidence = ns.attempts.map { "\(p.id): \($0.server) \($0.outcome.rawValue) after \(formatMs($0.ms))" }
    return [FindingDraft(id: spec.id, evidence: evidence, probeIDs: [p.id])]
  }

  /// Once the login server resolved, only the nameservers' own probe can still decide this.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    pending.contains { p in
      p.kinds.contains(.nameservers) || (p.kinds.contains(.dns) && input.loginServer?.resolved != true)
    }
  }
}
