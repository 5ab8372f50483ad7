// private-endpoint-dns-public-ip (C3): the privatelink CNAME is there but ends at a public IP (the private zone
// is not linked or not forwarded), and that public path fails here. Observed by DNSFactsProbe's wire view.

enum PrivateEndpointDNSPublicIP: FindingRule {
  static let spec = FindingSpec(
    id: .privateEndpointDNSPublicIP, cause: .vnetPrivateEndpointConfig, severity: .error, rank: 9,
    title: .init(
      en: "The registry name resolves to a public IP address instead of the private endpoint",
      ja: "レジストリ名がプライベート エンドポイントではなくパブリック IP アドレスに解決されます"
    ),
    why: .init(
      en:
        "The privatelink CNAME is present, but this machine's DNS answers with the public address: the private DNS "
        + "zone privatelink.azurecr.io is not linked to the virtual network, or your DNS server does not forward to "
        + "Azure DNS. Traffic then goes to the public endpoint, where public access is usually denied.",
      ja: "privatelink の CNAME は存在しますが、このマシンの DNS はパブリック アドレスを返しています。プライベート DNS ゾーン "
        + "privatelink.azurecr.io が仮想ネットワークにリンクされていないか、DNS サーバーが Azure DNS に転送していません。"
        + "その結果、トラフィックはパブリック エンドポイントに送られ、通常はパブリック アクセスが拒否されます。"
    ),
    remedies: [
      SharedRemedies.inspectPrivateLinkChain,
      RemedySpec(
        title: .init(
          en: "Link the private DNS zone to the virtual network",
          ja: "プライベート DNS ゾーンを仮想ネットワークにリンクする"
        ),
        steps: .init(
          en:
            "The zone privatelink.azurecr.io must be linked to every virtual network whose clients use the "
            + "registry (including hub and spoke networks that do the resolving).",
          ja: "privatelink.azurecr.io ゾーンは、レジストリを使用するクライアントが存在するすべての仮想ネットワーク "
            + "(名前解決を行うハブ ネットワークやスポーク ネットワークを含む) にリンクする必要があります。"
        ),
        commands: [
          "az network private-dns zone list -o table",
          "az network private-dns link vnet list --resource-group <rg> --zone-name privatelink.azurecr.io -o table",
          "az network private-dns link vnet create --resource-group <rg> --zone-name privatelink.azurecr.io "
            + "--name <link-name> --virtual-network <vnet-id> --registration-enabled false",
        ],
        changesSomething: true
      ),
      RemedySpec(
        title: .init(
          en: "Forward azurecr.io from your DNS server to Azure DNS",
          ja: "DNS サーバーから Azure DNS へ azurecr.io を転送する"
        ),
        steps: .init(
          en:
            "With custom DNS servers in Azure, add a conditional forwarder for azurecr.io to 168.63.129.16. "
            + "On-premises DNS servers cannot reach 168.63.129.16: forward to an Azure DNS Private Resolver inbound "
            + "endpoint (or a DNS forwarder VM) in the linked virtual network instead.",
          ja: "Azure 内でカスタム DNS サーバーを使用している場合は、azurecr.io の条件付きフォワーダーを 168.63.129.16 に追加します。"
            + "オンプレミスの DNS サーバーからは 168.63.129.16 に到達できないため、リンクされた仮想ネットワーク内の Azure DNS "
            + "Private Resolver の受信エンドポイント (または DNS フォワーダー VM) に転送してください。"
        ),
        commands: ["resolvectl status", "cat /etc/resolv.conf"]
      ),
      SharedRemedies.checkHealthVNet,
    ]
  )

  static let reads: Set<FactKind> = [.dns, .tcp, .http, .proxy]

  /// From the internet a privatelink CNAME ending at the public address is normal; it is the classic private-DNS
  /// mistake only when that public path then fails for this client.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      let v = input.view(e)
      guard let (p, d) = v.dns, e.role == .loginServer, v.viaPrivateLink, v.anyPublic, !v.goUsesProxy else {
        return nil
      }
      let publicFails = v.directBlocked || v.directHTTP.map { $0.1.statusCode == 403 || !v.answered($0.1) } == true
      guard publicFails else { return nil }
      var evidence = [Evidence.chain(p, d), "\(p.id): ends at public \(v.addresses.map(\.ip).joined(separator: ", "))"]
        .compactMap { $0 }
      if let h = v.directHTTP, h.1.statusCode == 403 { evidence.append("\(h.0.id): 403 on the public endpoint") }
      if v.directBlocked { evidence.append("the public address does not accept connections from here") }
      return FindingDraft(id: spec.id, evidence: evidence, probeIDs: v.ids, vars: v.templateVars)
    }
  }

  /// A login server looked up without a privatelink name in its chain cannot grow one.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    relevant(input, pending).contains { p in p.kinds.contains(.dns) || input.view(of: p)?.viaPrivateLink ?? true }
  }
}
