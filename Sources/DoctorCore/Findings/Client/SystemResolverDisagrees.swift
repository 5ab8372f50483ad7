// system-resolver-disagrees (C1, warning): getaddrinfo (glibc: nsswitch, nscd, systemd-resolved) and the
// nameservers of resolv.conf asked directly give different answers for the registry name, with no /etc/hosts entry
// to explain it (that is hosts-file-override). Which answer a pull gets depends on the puller's resolver: Go's own
// (dockerd, containerd, the kubelet) reads /etc/hosts and asks the nameservers itself, bypassing nscd and NSS
// modules, unless nsswitch.conf's `hosts:` line lists a source other than `files` and `dns`: then Go hands the
// lookup to getaddrinfo (cgo builds, net/conf.go). curl, az and most other tools always use getaddrinfo.
// Observed by `dns.resolvers.*` (ProbePlan+PastedError.swift).

enum SystemResolverDisagrees: FindingRule {
  static let spec = FindingSpec(
    id: .systemResolverDisagrees, cause: .clientFirewallOrProxy, severity: .warning, rank: 15,
    title: .init(
      en: "The system resolver and the DNS servers give different answers for the registry",
      ja: "システムのリゾルバーと DNS サーバーでレジストリの名前解決結果が異なります"
    ),
    why: .init(
      en:
        "getaddrinfo, which curl and az use, answers {host} differently from the nameservers of resolv.conf asked "
        + "directly: a cache (nscd, systemd-resolved) holds an old answer, or an NSS source (resolve, mdns, a "
        + "corporate module) answers before DNS. Tools then disagree: one reaches the registry while the pull, "
        + "made by a puller with its own resolver, goes elsewhere. The evidence says which answer the puller gets.",
      ja: "curl や az が使用する getaddrinfo の {host} の解決結果が、resolv.conf のネームサーバーに直接問い合わせた結果と"
        + "異なります。キャッシュ (nscd、systemd-resolved) が古い応答を保持しているか、NSS のソース (resolve、mdns、社内"
        + "モジュール) が DNS より先に応答しています。ツールごとに結果が異なり、独自のリゾルバーを持つプラーのプルは別の"
        + "宛先に向かいます。どちらの応答をプラーが使うかは証拠欄に記載しています。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Compare the two views and flush the caches", ja: "2 つの結果を比較し、キャッシュを消去する"),
        steps: .init(
          en:
            "getent shows getaddrinfo's answer, dig the nameserver's. If they differ, flush systemd-resolved's and "
            + "nscd's caches, and check nsswitch.conf's hosts line for sources before dns.",
          ja: "getent は getaddrinfo の結果、dig はネームサーバーの結果を示します。異なる場合は systemd-resolved と nscd の"
            + "キャッシュを消去し、nsswitch.conf の hosts 行で dns より前にあるソースを確認してください。"
        ),
        commands: [
          "getent ahosts {host}", "dig +short {host}", "resolvectl flush-caches", "nscd -i hosts",
          "grep '^hosts:' /etc/nsswitch.conf",
        ]
      )
    ]
  )

  static let reads: Set<FactKind> = [.resolvers]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.resolverComparisons.compactMap { p, f in
      guard f.hostsEntries.isEmpty else { return nil }
      let answered = f.resolvConfAnswers.filter { $0.notAsked == nil && !$0.silent }
      guard !answered.isEmpty, f.system.outcome != .timeout else { return nil }
      let wire = Set(answered.flatMap(\.addresses))
      let system = Set(f.system.outcome == .resolved ? f.system.addresses.map(\.ip) : [])
      // Round-robin answers overlap; only answers with nothing in common disagree.
      guard system != wire, system.isDisjoint(with: wire) else { return nil }
      var evidence = ["\(p.id): \(Evidence.systemAnswer(f.system))"]
      evidence += answered.prefix(3).map { "\(p.id): \(Evidence.resolverAnswer($0))" }
      if let hosts = f.nsswitchHosts { evidence.append("nsswitch.conf hosts: \(hosts.joined(separator: " "))") }
      evidence.append(pullerLine(f, wire: wire, system: system))
      return FindingDraft(id: spec.id, evidence: evidence, probeIDs: [p.id], vars: [.host: f.endpoint.host])
    }
  }

  /// Which of the two answers Go's resolver (the puller's) gets, and why.
  static func pullerLine(_ f: ResolverComparisonFacts, wire: Set<String>, system: Set<String>) -> String {
    func text(_ set: Set<String>) -> String { set.isEmpty ? "no address" : set.sorted().joined(separator: ", ") }
    let other = f.nonStandardSources
    if other.isEmpty {
      return "the puller (Go's resolver in dockerd, containerd, the kubelet) asks the nameservers itself and gets "
        + "\(text(wire)); curl and az get getaddrinfo's \(text(system))"
    }
    return "nsswitch.conf lists \(other.joined(separator: ", ")): Go's resolver (dockerd, containerd, the kubelet) "
      + "then uses getaddrinfo when built with cgo and gets \(text(system)), like curl; a pure-Go build gets "
      + "\(text(wire))"
  }
}
