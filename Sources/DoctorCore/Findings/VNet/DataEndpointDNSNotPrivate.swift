// data-endpoint-dns-not-private (C3): the login server resolves to a private endpoint but a data endpoint
// resolves public, so layers leave the private path. Observed by DNSFactsProbe for each endpoint.

enum DataEndpointDNSNotPrivate: FindingRule {
  static let spec = FindingSpec(
    id: .dataEndpointDNSNotPrivate, cause: .vnetPrivateEndpointConfig, severity: .error, rank: 14,
    title: .init(
      en: "The login server is private but a data endpoint resolves to a public address",
      ja: "ログイン サーバーはプライベートですが、データ エンドポイントがパブリック アドレスに解決されます"
    ),
    why: .init(
      en:
        "{loginServer} resolves to the private endpoint, but {dataEndpoint} resolves to a public IP, so layer "
        + "downloads leave the virtual network and are blocked by the registry's public access rules or the firewall.",
      ja: "{loginServer} はプライベート エンドポイントに解決されますが、{dataEndpoint} はパブリック IP に解決されます。"
        + "そのため、レイヤーのダウンロードが仮想ネットワークの外に出て、レジストリのパブリック アクセス規則または"
        + "ファイアウォールによってブロックされます。"
    ),
    remedies: [
      SharedRemedies.dataEndpointRecord, SharedRemedies.inspectPrivateLinkChain, SharedRemedies.checkHealthVNet,
    ]
  )

  static let reads: Set<FactKind> = [.dns]

  /// A data endpoint must be private whenever the login server is.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    guard let login = input.loginServer, login.allPrivate else { return [] }
    return input.endpoints.compactMap { e in
      let v = input.view(e)
      guard let (p, d) = v.dns, e.role == .dataEndpoint, !v.privateLinkNameMissing, v.anyPublic else { return nil }
      let evidence = [
        "login server resolves to private \(login.addresses.map(\.ip).joined(separator: ", "))",
        "\(p.id): \(e.host) resolves to public \(v.addresses.map(\.ip).joined(separator: ", "))",
      ]
      return FindingDraft(
        id: spec.id, evidence: evidence + [Evidence.chain(p, d)].compactMap { $0 }, probeIDs: [p.id],
        vars: v.templateVars)
    }
  }

  /// Only while the login server may still turn out private.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    if let login = input.loginServer, login.resolved, !login.allPrivate { return false }
    return pending.contains { $0.kinds.contains(.dns) }
  }
}
