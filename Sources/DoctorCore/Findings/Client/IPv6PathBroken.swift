// ipv6-path-broken (C1, warning): the registry name has IPv6 and IPv4 addresses, and IPv6 connections time out
// (a black hole: SYNs dropped) while IPv4 ones connect. Observed by the TCP probes, one per address (ProbePlan.dnsTask).
//
// Why a warning, not an error: Go's dialer (net.Dialer, used by dockerd and the docker CLI) races the families
// (Happy Eyeballs, RFC 6555): it dials the first address family of the sorted list (RFC 6724 puts IPv6 first on a
// host with global IPv6) and starts the other family FallbackDelay later, 300 ms by default and in containerd's
// transport (`FallbackDelay: 300 * time.Millisecond`); the first connection wins. A black-holed IPv6 route thus
// costs each new connection 300 ms and an unreachable one (no route, ICMP) nothing, so only the silent kind is a
// finding: the pull slows, it does not fail. Clients that
// try addresses one after another instead wait their whole connect timeout on each IPv6 address first (Python's
// urllib3 in az, older tools), and an IPv6-only client fails outright.

enum IPv6PathBroken: FindingRule {
  static let spec = FindingSpec(
    id: .ipv6PathBroken, cause: .clientFirewallOrProxy, severity: .warning, rank: 45,
    title: .init(
      en: "IPv6 connections to the registry fail while IPv4 works",
      ja: "レジストリへの IPv6 接続は失敗しますが、IPv4 は接続できます"
    ),
    why: .init(
      en:
        "{host} has IPv6 and IPv4 addresses. IPv6 connections time out (their SYNs are dropped), IPv4 ones connect. "
        + "Docker "
        + "and containerd race both families and fall back to IPv4 after 300 ms, so pulls work but each new "
        + "connection may wait; clients that try addresses in turn (az's Python) wait their whole connect timeout "
        + "first. Fix the IPv6 route or firewall rule, or stop advertising IPv6 on this host.",
      ja: "{host} には IPv6 と IPv4 のアドレスがあります。IPv6 接続はタイムアウトし (SYN が破棄されています)、IPv4 接続は成功します。"
        + "Docker と containerd は両方のファミリーを並行して試し、300 ミリ秒後に IPv4 に切り替えるため、プルは成功しますが"
        + "新しい接続ごとに待ち時間が生じることがあります。アドレスを順に試すクライアント (az の Python) は、先に接続"
        + "タイムアウトまで待ちます。IPv6 の経路やファイアウォール規則を修正するか、このホストで IPv6 を無効にしてください。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Compare both families", ja: "両方のアドレス ファミリーを比較する"),
        steps: .init(
          en: "The first should connect at once; the second shows whether IPv6 has a route and what drops it.",
          ja: "1 つ目はすぐに接続できるはずです。2 つ目で IPv6 の経路の有無と、どこで破棄されるかを確認します。"
        ),
        commands: [
          "curl -4 -sv --max-time 10 https://{host}/v2/ -o /dev/null",
          "curl -6 -sv --max-time 10 https://{host}/v2/ -o /dev/null", "ip -6 route get {address}",
        ]
      )
    ]
  )

  static let reads: Set<FactKind> = [.tcp, .dns]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      let view = input.view(e)
      // Through a proxy the client never dials the registry's addresses itself.
      if view.goUsesProxy { return nil }
      let broken = view.tcp.filter { isIPv6($0.1.address.ip) && $0.1.outcome == .timeout }
      let working = view.tcp.filter { !isIPv6($0.1.address.ip) && $0.1.outcome == .connected }
      guard let first = broken.first, !working.isEmpty else { return nil }
      let evidence = (broken + working.prefix(1)).map { "\($0.0.id): \(Evidence.tcp($0.1))" }
      return FindingDraft(
        id: spec.id, evidence: evidence, probeIDs: (broken + working.prefix(1)).map(\.0.id),
        vars: [.host: e.host, .address: first.1.address.ip])
    }
  }

  static func isIPv6(_ ip: String) -> Bool { ip.contains(":") }

  /// Only TCP probes on a path the client takes can change it (not the direct path behind a proxy).
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    !relevant(input, pending).isEmpty
  }
}
