// hosts-file-override (C1): /etc/hosts pins a registry name to an address DNS does not give, and it fails.
// Observed by DNSFactsProbe (the hosts entries beside the wire answer) and the TCP/TLS/HTTP probes of that address.

enum HostsFileOverride: FindingRule {
  static let spec = FindingSpec(
    id: .hostsFileOverride, cause: .clientFirewallOrProxy, severity: .error, rank: 4,
    title: .init(
      en: "/etc/hosts pins the registry name to an address that fails",
      ja: "/etc/hosts でレジストリ名が応答しないアドレスに固定されています"
    ),
    why: .init(
      en:
        "An entry in /etc/hosts wins over DNS, so the registry is reached at {address} instead of the address DNS "
        + "returns, and that address does not work. Stale entries often remain after a private endpoint was "
        + "recreated or removed.",
      ja: "/etc/hosts のエントリは DNS より優先されるため、レジストリには DNS が返すアドレスではなく {address} で接続され、"
        + "そのアドレスは機能していません。プライベート エンドポイントを再作成または削除した後に、古いエントリが残っていることが"
        + "よくあります。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Remove or correct the /etc/hosts entry", ja: "/etc/hosts のエントリを削除または修正する"),
        steps: .init(
          en:
            "Find the line for {host}, then delete it (or change it to the registry's current private IP address) "
            + "with an editor. getent shows what the system resolves, dig what DNS returns.",
          ja: "{host} の行を見つけ、エディターで削除します (またはレジストリの現在のプライベート IP アドレスに変更します)。"
            + "getent はシステムが解決する結果を、dig は DNS が返す結果を示します。"
        ),
        commands: [
          "grep -n {host} /etc/hosts", "sudoedit /etc/hosts", "getent hosts {host}",
          "dig +short {host}",
        ],
        changesSomething: true
      ),
      RemedySpec(
        title: .init(en: "Check containers and other machines too", ja: "コンテナーや他のマシンも確認する"),
        steps: .init(
          en:
            "Images, provisioning scripts and configuration management may write the same entry again; fix it at "
            + "the source so it does not come back.",
          ja: "イメージ、プロビジョニング スクリプト、構成管理ツールによって同じエントリが再び書き込まれる場合があります。"
            + "再発しないよう、書き込み元で修正してください。"
        ),
        commands: ["grep -rn {host} /etc/hosts /etc/cloud/templates 2>/dev/null"]
      ),
    ]
  )

  static let reads: Set<FactKind> = [.dns, .tcp, .tls, .http, .proxy]

  /// /etc/hosts pins a registry name to an address DNS does not give, and that address fails: nothing connects to it,
  /// or (when DNS does have another answer) it is not the registry there.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      let v = input.view(e)
      guard let (p, d) = v.dns, !d.hostsEntries.isEmpty, !v.goUsesProxy else { return nil }
      let dnsAddresses = Set(d.wire?.addresses.map(\.address.ip) ?? [])
      guard Set(d.hostsEntries) != dnsAddresses else { return nil }
      let pinned = v.tcp.filter { d.hostsEntries.contains($0.1.address.ip) }
      let pinnedDead = !pinned.isEmpty && pinned.allSatisfy { $0.1.outcome != .connected }
      let dnsKnowsBetter = !dnsAddresses.isEmpty
      let notTheRegistry =
        v.directTLS.map { $0.1.outcome != .verified } == true || v.directHTTP.map { !v.answered($0.1) } == true
      guard pinnedDead || (dnsKnowsBetter && notTheRegistry) else { return nil }
      var evidence = ["\(p.id): /etc/hosts pins \(e.host) to \(d.hostsEntries.joined(separator: ", "))"]
      evidence.append(
        dnsKnowsBetter
          ? "DNS gives \(dnsAddresses.sorted().joined(separator: ", "))"
          : "DNS itself gives \(d.wire?.outcome.rawValue ?? "no answer")")
      evidence += pinned.filter { $0.1.outcome != .connected }.map { "\($0.0.id): \($0.1.outcome.rawValue)" }
      return FindingDraft(
        id: spec.id, evidence: evidence, probeIDs: v.ids, vars: [.host: e.host, .address: d.hostsEntries[0]])
    }
  }

  /// Nothing to come can pin a name that was looked up with no /etc/hosts entry, and a client going through its
  /// proxy never uses the pinned address.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    relevant(input, pending).contains { p in
      p.kinds.contains(.dns) || input.view(of: p)?.dns.map { !$0.1.hostsEntries.isEmpty } ?? true
    }
  }
}
