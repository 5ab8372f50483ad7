// pasted-resolver-fails (C1): the resolver a pasted error names (`lookup X on 10.0.0.10:53: … i/o timeout`,
// `server misbehaving`), asked directly from here, does not answer or cannot resolve the registry name, while a
// resolver of this machine (or getaddrinfo) resolves it: the failing machine uses another resolver than this one,
// and that resolver is the fault. Observed by `dns.resolvers.*` (ProbePlan+PastedError.swift).
//
// The rule, and why:
// - the pasted resolver silent (timeout, refused) or failing (NXDOMAIN, SERVFAIL, REFUSED, no address), and a
//   resolv.conf nameserver here or getaddrinfo resolving the name: an error, since every lookup of that machine
//   fails the same way (Go names the last server it asked);
// - the pasted resolver resolving: no finding (the fault was then, or on that machine's path to it);
// - nothing here resolving either: no finding of its own (dns-server-unreachable, login-server-dns-failure say it);
// - 127.0.0.11 (Docker's embedded DNS) is not asked: from here it says nothing of a container's namespace.
// - 127.0.0.1:53 / [::1]:53 not in this resolv.conf: Go's fallback when its resolv.conf names no nameserver.

enum PastedResolverFails: FindingRule {
  static let spec = FindingSpec(
    id: .pastedResolverFails, cause: .clientFirewallOrProxy, severity: .error, rank: 7,
    title: .init(
      en: "The DNS server your error names fails, while this machine's resolve the registry",
      ja: "エラーに記載された DNS サーバーは失敗しますが、このマシンの DNS サーバーはレジストリを解決します"
    ),
    why: .init(
      en:
        "The error you pasted asked the resolver {address} for {host}. Asked directly from here, it does not give "
        + "an address, while this machine's resolvers do: the machine that failed uses a different resolver "
        + "configuration (a node, a container or a VNet with its own DNS servers), and its resolver is what "
        + "fails. Fix that resolver (forwarders, the private DNS zone link) or point that machine at one that works.",
      ja: "貼り付けたエラーは {host} をリゾルバー {address} に問い合わせています。ここから直接問い合わせてもアドレスが"
        + "返りませんが、このマシンのリゾルバーは解決します。失敗したマシン (ノード、コンテナー、独自の DNS サーバーを持つ"
        + "VNet) は別のリゾルバー構成を使っており、そのリゾルバーが失敗しています。そのリゾルバー (フォワーダー、"
        + "プライベート DNS ゾーンのリンク) を修正するか、動作するリゾルバーを使うように設定してください。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Ask the resolver from the failing machine", ja: "失敗しているマシンからリゾルバーに問い合わせる"),
        steps: .init(
          en:
            "Run these on the machine, node or container that printed the error: the first shows which resolvers "
            + "it uses, the second what the named one answers. A timeout means it is down or blocked (UDP and TCP "
            + "53); NXDOMAIN or SERVFAIL means it lacks the zone or a forwarder (in Azure, to 168.63.129.16).",
          ja: "エラーを出力したマシン、ノード、コンテナーで実行します。1 つ目で使用しているリゾルバー、2 つ目で指定された"
            + "リゾルバーの応答を確認します。タイムアウトは停止または遮断 (UDP と TCP の 53)、NXDOMAIN や SERVFAIL はゾーンや"
            + "フォワーダー (Azure では 168.63.129.16 への転送) がないことを示します。"
        ),
        commands: ["cat /etc/resolv.conf", "dig @{address} {host} +time=3 +tries=1"]
      )
    ]
  )

  static let reads: Set<FactKind> = [.resolvers]

  /// Go's resolver asks these when its resolv.conf names no nameserver (net/dnsconfig_unix.go, defaultNS).
  static let goFallbackResolvers: Set<String> = ["127.0.0.1:53", "[::1]:53"]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.resolverComparisons.compactMap { p, f in
      guard let pasted = f.pasted, pasted.notAsked == nil, !pasted.resolved else { return nil }
      let ours = f.resolvConfAnswers.filter { $0.resolved }
      let systemResolves = f.system.outcome == .resolved && !f.system.addresses.isEmpty
      guard !ours.isEmpty || systemResolves else { return nil }
      var evidence = ["\(p.id): \(Evidence.resolverAnswer(pasted))"]
      evidence += ours.prefix(3).map { "\(p.id): \(Evidence.resolverAnswer($0))" }
      if systemResolves { evidence.append("\(p.id): \(Evidence.systemAnswer(f.system))") }
      let inOurs = f.resolvConfAnswers.contains { sameServer($0.server, pasted.server) }
      if !inOurs {
        evidence.append(
          goFallbackResolvers.contains(pasted.server)
            ? "\(pasted.server) is what Go asks when its resolv.conf names no nameserver: the failing process's "
              + "resolv.conf (a container's, a node's) names none, or a local stub that is not running"
            : "\(pasted.server) is not in this machine's resolv.conf: the failing machine uses another resolver")
      }
      let ip = bareIP(pasted.server)
      return FindingDraft(
        id: spec.id, evidence: evidence, probeIDs: [p.id],
        vars: [.host: f.endpoint.host, .address: ip])
    }
  }

  /// `10.0.0.10:53` and `10.0.0.10` are one server; `[::1]:53` and `::1` too.
  static func sameServer(_ a: String, _ b: String) -> Bool { bareIP(a) == bareIP(b) && port(a) == port(b) }

  static func bareIP(_ s: String) -> String {
    if s.hasPrefix("["), let close = s.firstIndex(of: "]") { return String(s[s.index(after: s.startIndex)..<close]) }
    if s.filter({ $0 == ":" }).count == 1, let colon = s.firstIndex(of: ":") { return String(s[..<colon]) }
    return s
  }

  static func port(_ s: String) -> String {
    if s.hasPrefix("["), let close = s.firstIndex(of: "]") {
      let rest = s[s.index(after: close)...]
      return rest.hasPrefix(":") ? String(rest.dropFirst()) : "53"
    }
    if s.filter({ $0 == ":" }).count == 1, let colon = s.firstIndex(of: ":") {
      return String(s[s.index(after: colon)...])
    }
    return "53"
  }
}
