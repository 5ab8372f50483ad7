// dns-cname-loop (C1): the nameserver answers, but the registry name's CNAME chain loops (a -> b -> a) or never
// ends, so no address comes out of it. Observed by the wire view of DNSFactsProbe (DoctorProbes/DNS/CNAMEChain).

enum DNSCNAMELoop: FindingRule {
  static let spec = FindingSpec(
    id: .dnsCNAMELoop, cause: .clientFirewallOrProxy, severity: .error, rank: 9,
    title: .init(
      en: "The registry name's CNAME chain loops",
      ja: "レジストリ名の CNAME チェーンがループしています"
    ),
    why: .init(
      en:
        "The nameservers answer for {host}, but its CNAME records point back to a name already in the chain (or "
        + "go on past the 16 links resolvers follow), so no address is ever reached and Docker reports dial tcp: "
        + "lookup. A record in the DNS zone or a conditional forwarder is wrong, not the network.",
      ja: "ネームサーバーは {host} に応答していますが、その CNAME レコードがチェーン内の既出の名前を指している (または"
        + "リゾルバーがたどる 16 段を超えて続く) ため、アドレスに到達できず、Docker は dial tcp: lookup エラーを報告します。"
        + "ネットワークではなく、DNS ゾーンのレコードまたは条件付きフォワーダーの誤りです。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Follow the chain by hand", ja: "チェーンを手動でたどる"),
        steps: .init(
          en:
            "Ask for each name of the chain; the record that names an earlier name again is the one to fix. With "
            + "Private Link the chain should end at an A record in the privatelink zone.",
          ja: "チェーンの各名前を問い合わせます。前の名前を再び指しているレコードが修正対象です。プライベート リンクでは、"
            + "チェーンは privatelink ゾーンの A レコードで終わる必要があります。"
        ),
        commands: ["dig +noall +answer {host}", "dig +trace {host}", "nslookup -type=CNAME {host}"]
      ),
      RemedySpec(
        title: .init(en: "Correct the record in its zone", ja: "ゾーン内のレコードを修正する"),
        steps: .init(
          en:
            "Ask the DNS administrator to remove or correct the CNAME that closes the loop (in the private DNS zone, "
            + "the corporate DNS server or its conditional forwarder for azurecr.io).",
          ja: "ループを作っている CNAME を削除または修正するよう DNS 管理者に依頼してください (プライベート DNS ゾーン、"
            + "社内 DNS サーバー、または azurecr.io の条件付きフォワーダー)。"
        ),
        commands: ["resolvectl query {host}"]
      ),
    ]
  )

  static let reads: Set<FactKind> = [.dns]

  /// Any registry name (login server, data endpoint, token service) whose wire answer is a looping chain and which
  /// the system did not resolve either.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      let v = input.view(e)
      guard let (p, d) = v.dns, v.cnameLoops, !v.resolved else { return nil }
      return FindingDraft(id: spec.id, evidence: Evidence.cnameLoop(p, d), probeIDs: [p.id], vars: v.templateVars)
    }
  }

  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    relevant(input, pending).contains { !input.resolvedAlready($0) }
  }
}
