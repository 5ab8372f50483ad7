// The article's symptoms S1…S11: titles in both languages (the Japanese is the article's own), the error text
// verbatim, and the causes the article ties them to, most likely first.

enum SymptomTexts {
  static let s1 = SymptomSpec(
    id: .s1,
    title: .init(
      en: "Push or pull fails with the error dial tcp: lookup myregistry.azurecr.io",
      ja: "イメージをプッシュまたはプルできず、エラー dial tcp: lookup myregistry.azurecr.io が発生する"
    ),
    errorText: "dial tcp: lookup myregistry.azurecr.io",
    likelyCauses: [.clientFirewallOrProxy, .vnetPrivateEndpointConfig]
  )

  static let s2 = SymptomSpec(
    id: .s2,
    title: .init(
      en: "Push or pull fails with the error Client.Timeout exceeded while awaiting headers",
      ja: "イメージをプッシュまたはプルできず、エラー Client.Timeout exceeded while awaiting headers が発生する"
    ),
    errorText: "Client.Timeout exceeded while awaiting headers",
    likelyCauses: [.clientFirewallOrProxy, .registryPublicAccessRules, .vnetPrivateEndpointConfig]
  )

  static let s3 = SymptomSpec(
    id: .s3,
    title: .init(
      en:
        "Push or pull fails with the Azure CLI error Could not connect to the registry login server",
      ja: "イメージをプッシュまたはプルできず、Azure CLI エラー Could not connect to the registry login server が発生する"
    ),
    errorText: "Could not connect to the registry login server",
    likelyCauses: [.clientFirewallOrProxy, .registryPublicAccessRules, .vnetPrivateEndpointConfig]
  )

  static let s4 = SymptomSpec(
    id: .s4,
    title: .init(
      en:
        "Images cannot be pulled from the registry into Azure Kubernetes Service or another Azure service",
      ja: "レジストリから Azure Kubernetes Service または別の Azure サービスにイメージをプルできない"
    ),
    errorText: nil,
    likelyCauses: [.vnetPrivateEndpointConfig, .serviceIntegrationRestricted]
  )

  static let s5 = SymptomSpec(
    id: .s5,
    title: .init(
      en:
        "A registry behind an HTTPS proxy cannot be reached (403 Forbidden or proxyconnect tcp: EOF)",
      ja: "HTTPS プロキシの背後にあるレジストリにアクセスできない (403 Forbidden または proxyconnect tcp: EOF)"
    ),
    errorText: SymptomTexts.s5Alternatives.joined(separator: "\n"),
    likelyCauses: [.clientFirewallOrProxy]
  )

  /// S5 names two errors; `errorText` holds them one a line, `errorTexts` as a list.
  static let s5Alternatives = [
    "Error response from daemon: login attempt failed with status: 403 Forbidden",
    "Error response from daemon: Get <registry>: proxyconnect tcp: EOF Login failed",
  ]

  static let s6 = SymptomSpec(
    id: .s6,
    title: .init(
      en:
        "Virtual network settings cannot be saved: Failed to save firewall and virtual network settings "
        + "for container registry",
      ja: "仮想ネットワーク設定を構成できず、エラー Failed to save firewall and virtual network settings "
        + "for container registry が発生する"
    ),
    errorText: "Failed to save firewall and virtual network settings for container registry",
    likelyCauses: [.vnetPrivateEndpointConfig, .registryPublicAccessRules]
  )

  static let s7 = SymptomSpec(
    id: .s7,
    title: .init(
      en:
        "Registry settings cannot be accessed or viewed in the Azure portal, or the registry cannot be managed "
        + "with the Azure CLI",
      ja: "Azure portal でレジストリ設定にアクセスまたは表示できないか、Azure CLI を使用してレジストリを管理できない"
    ),
    errorText: nil,
    likelyCauses: [.vnetPrivateEndpointConfig, .registryPublicAccessRules]
  )

  static let s8 = SymptomSpec(
    id: .s8,
    title: .init(
      en: "Virtual network settings or public access rules cannot be added or modified",
      ja: "仮想ネットワークの設定またはパブリック アクセス規則を追加または変更できない"
    ),
    errorText: nil,
    likelyCauses: [.vnetPrivateEndpointConfig, .registryPublicAccessRules]
  )

  static let s9 = SymptomSpec(
    id: .s9,
    title: .init(
      en: "ACR Tasks cannot push or pull images",
      ja: "ACR タスクによるイメージのプッシュまたはプルができない"
    ),
    errorText: nil,
    likelyCauses: [.serviceIntegrationRestricted, .registryPublicAccessRules]
  )

  static let s10 = SymptomSpec(
    id: .s10,
    title: .init(
      en:
        "Microsoft Defender for Cloud cannot scan images in the registry, or scan results do not appear "
        + "in Microsoft Defender for Cloud",
      ja: "Microsoft Defender for Cloud でレジストリ内のイメージをスキャンできない、またはスキャン結果が "
        + "Microsoft Defender for Cloud に表示されない"
    ),
    errorText: nil,
    likelyCauses: [.serviceIntegrationRestricted]
  )

  static let s11 = SymptomSpec(
    id: .s11,
    title: .init(
      en:
        "The error host is not reachable when accessing a registry configured with a private endpoint",
      ja: "プライベート エンドポイントを使用して構成されたレジストリにアクセスしようとすると、エラー host is not reachable が発生する"
    ),
    errorText: "host is not reachable",
    likelyCauses: [.vnetPrivateEndpointConfig]
  )
}

extension SymptomSpec {
  /// The error messages of this symptom, one per alternative (S5 has two); empty when the article names none.
  public var errorTexts: [String] {
    guard let errorText else { return [] }
    return errorText.split(separator: "\n").map(String.init)
  }
}
