// public-network-access-disabled (C2): the registry disables public access, and this client went to the
// public endpoint (a public DNS answer, or a 403 from it). Observed by AzureProbe (az acr show) with DNS and HTTP.

enum PublicNetworkAccessDisabled: FindingRule {
  static let spec = FindingSpec(
    id: .publicNetworkAccessDisabled, cause: .registryPublicAccessRules, severity: .error, rank: 10,
    title: .init(
      en: "The registry disables public network access",
      ja: "レジストリのパブリック ネットワーク アクセスが無効になっています"
    ),
    why: .init(
      en:
        "The registry accepts connections only through its private endpoints, and this client reaches it over the "
        + "public endpoint. If the registry uses a service endpoint, disabling public network access also disables "
        + "access over the service endpoint.",
      ja: "レジストリはプライベート エンドポイント経由の接続のみを受け付けていますが、このクライアントはパブリック エンドポイント経由で"
        + "アクセスしています。レジストリがサービス エンドポイントを使用している場合、パブリック ネットワーク アクセスを無効にすると、"
        + "サービス エンドポイント経由のアクセスも無効になります。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Use the private endpoint from inside the virtual network",
          ja: "仮想ネットワーク内からプライベート エンドポイントを使用する"
        ),
        steps: .init(
          en:
            "Run the client in the virtual network (or a connected network) and make sure {loginServer} resolves to "
            + "the private endpoint's address there.",
          ja: "クライアントを仮想ネットワーク (または接続されたネットワーク) 内で実行し、そこで {loginServer} がプライベート "
            + "エンドポイントのアドレスに解決されることを確認してください。"
        ),
        commands: [
          "az acr private-endpoint-connection list --registry-name {registry} -o table",
          "az acr check-health --name {registry} --vnet <vnet-name-or-id> --ignore-errors --yes",
        ]
      ),
      RemedySpec(
        title: .init(
          en: "Or enable public network access, limited to selected IP addresses",
          ja: "またはパブリック ネットワーク アクセスを有効にし、選択した IP アドレスに制限する"
        ),
        steps: .init(
          en:
            "Enable public access only if your security policy allows it, and restrict it to the client's address "
            + "with a network rule with default action Deny.",
          ja: "パブリック アクセスはセキュリティ ポリシーで許可されている場合にのみ有効にし、既定のアクションを Deny にした"
            + "ネットワーク規則でクライアントのアドレスに制限してください。"
        ),
        commands: [
          "az acr show --name {registry} --query publicNetworkAccess -o tsv",
          "az acr update --name {registry} --public-network-enabled true --default-action Deny",
          "az acr network-rule add --name {registry} --ip-address {clientIP}",
        ],
        changesSomething: true
      ),
    ]
  )

  static let reads: Set<FactKind> = [.azure, .dns, .http]

  /// Public access is off, yet this client went to the public endpoint (public DNS answer, or a 403 from it).
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    let view = AzureView(input)
    guard let (azureProbe, facts) = view.azureOK, AzureView.isDisabled(facts.publicNetworkAccess) else {
      return []
    }
    let publicDNS = view.loginServerDNS.flatMap { probe, dns in
      AzureView.allPublic(dns.system) ? (probe, dns) : nil
    }
    guard publicDNS != nil || view.denial?.onLoginServer == true else { return [] }

    var evidence = ["\(AzureView.source(facts)): publicNetworkAccess=Disabled"]
    var probeIDs = [azureProbe.id]
    if facts.privateEndpointConnections > 0 {
      evidence.append("\(AzureView.source(facts)): privateEndpointConnections=\(facts.privateEndpointConnections)")
    }
    if let (probe, dns) = publicDNS {
      let addresses = dns.system.addresses.map(\.ip).joined(separator: ", ")
      evidence.append("\(probe.id): \(dns.endpoint.host) -> \(addresses) (public)")
      probeIDs.append(probe.id)
    }
    if let denial = view.denial, denial.onLoginServer {
      evidence.append(denial.line())
      probeIDs.append(denial.probe.id)
    }
    return [FindingDraft(id: spec.id, evidence: evidence, probeIDs: probeIDs, vars: view.vars)]
  }

  /// The registry's answers count on the path the client takes; facts of a direct path it does not take cannot
  /// change this.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    !relevant(input, pending).isEmpty
  }
}
