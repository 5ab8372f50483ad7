// tcp-connect-refused (C1): every address of a public registry endpoint refuses the connection (RST).
// Observed by TCPProbe (DoctorProbes/Net) as TCPFacts, one probe per resolved address.

enum TCPConnectRefused: FindingRule {
  static let spec = FindingSpec(
    id: .tcpConnectRefused, cause: .clientFirewallOrProxy, severity: .error, rank: 20,
    title: .init(
      en: "Connections to the registry are refused",
      ja: "レジストリへの接続が拒否されます"
    ),
    why: .init(
      en:
        "Something answers the connection to {address} port {port} with a reset: a local or network firewall that "
        + "rejects instead of dropping, or an address that is not the registry's (stale DNS or /etc/hosts entry).",
      ja: "{address} のポート {port} への接続に対してリセットが返されています。破棄ではなく拒否するローカルまたはネットワークの"
        + "ファイアウォールか、レジストリのものではないアドレス (古い DNS または /etc/hosts のエントリ) が原因です。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Confirm the address is the registry's", ja: "アドレスがレジストリのものであることを確認する"),
        steps: .init(
          en:
            "Compare what the system resolves with what DNS returns; a difference points to /etc/hosts or a cache.",
          ja: "システムが解決する結果と DNS が返す結果を比較します。違いがある場合は /etc/hosts またはキャッシュが原因です。"
        ),
        commands: ["getent hosts {hostName}", "dig +short {hostName}", "nc -vz -w 5 {host} {port}"]
      ),
      RemedySpec(
        title: .init(en: "Look for a rejecting firewall rule", ja: "拒否するファイアウォール規則を探す"),
        steps: .init(
          en:
            "Check this machine's outbound rules first, then ask the network team for REJECT rules toward the "
            + "registry endpoints on TCP {port}.",
          ja: "まずこのマシンの送信規則を確認し、次にレジストリ エンドポイントへの TCP {port} を拒否する規則がないか"
            + "ネットワーク チームに確認してください。"
        ),
        commands: ["sudo nft list ruleset", "sudo iptables -S OUTPUT"]
      ),
    ]
  )

  static let reads: Set<FactKind> = [.dns, .tcp, .proxy]

  /// Nothing connects on the direct path, every address actively refused, and the endpoint is not private.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      let v = input.view(e)
      guard e.role.failsAsTheRegistry, v.directPathFails,
        !v.looksPrivate(input.registry), v.allRefused
      else {
        return nil
      }
      return FindingDraft(id: spec.id, evidence: Evidence.connects(v), probeIDs: v.ids, vars: v.addressVars)
    }
  }

  /// Facts of a direct path the client does not take (it goes through its proxy) cannot change this.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    !relevant(input, pending).isEmpty
  }
}
