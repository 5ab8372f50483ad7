// registry-firewall-denies-client-ip (C2): the registry answers 403 `DENIED … client with IP 'x' is not allowed
// access`. Observed by HTTPSProbe (the error body, ErrorBody's client IP) and, with az, AzureProbe's ipRules.

enum RegistryFirewallDeniesClientIP: FindingRule {
  static let spec = FindingSpec(
    id: .registryFirewallDeniesClientIP, cause: .registryPublicAccessRules, severity: .error,
    rank: FindingRank(12, likelier: 10),
    title: .init(
      en: "The registry's firewall does not allow this client's IP address",
      ja: "レジストリのファイアウォールでこのクライアントの IP アドレスが許可されていません"
    ),
    why: .init(
      en:
        "The registry answers 403 DENIED: client with IP '{clientIP}' is not allowed access. The registry limits "
        + "public access to selected networks or IP addresses, and the address it sees for this client (often the "
        + "proxy's or NAT gateway's public IP) is not among them.",
      ja: "レジストリが 403 DENIED: client with IP '{clientIP}' is not allowed access を返しています。レジストリでは"
        + "パブリック アクセスが選択したネットワークまたは IP アドレスに制限されており、レジストリから見たこのクライアントの"
        + "アドレス (多くの場合、プロキシまたは NAT ゲートウェイのパブリック IP) が含まれていません。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Add the client's IP address to the registry's network rules",
          ja: "クライアントの IP アドレスをレジストリのネットワーク規則に追加する"
        ),
        steps: .init(
          en:
            "Allow the address the registry reported, {clientIP}. For a range, use CIDR notation (for example "
            + "203.0.113.0/24). Changes can take a few minutes to apply.",
          ja: "レジストリが報告したアドレス {clientIP} を許可します。範囲を指定する場合は CIDR 表記 (例: 203.0.113.0/24) を"
            + "使用します。変更が反映されるまで数分かかる場合があります。"
        ),
        commands: ["az acr network-rule add --name {registry} --ip-address {clientIP}"],
        changesSomething: true
      ),
      RemedySpec(
        title: .init(en: "Review the current rules", ja: "現在の規則を確認する"),
        steps: .init(
          en:
            "Check the default action and the allowed IP ranges; if the client's address changes (dynamic NAT), "
            + "allow the whole egress range instead of a single address.",
          ja: "既定のアクションと許可されている IP 範囲を確認します。クライアントのアドレスが変わる場合 (動的 NAT) は、"
            + "単一のアドレスではなくエグレスの範囲全体を許可してください。"
        ),
        commands: [
          "az acr network-rule list --name {registry} --query ipRules -o table",
          "az acr show --name {registry} --query networkRuleSet.defaultAction -o tsv",
        ]
      ),
      RemedySpec(
        title: .init(
          en: "Or reach the registry through a private endpoint",
          ja: "またはプライベート エンドポイント経由でレジストリにアクセスする"
        ),
        steps: .init(
          en:
            "Clients in (or connected to) an Azure virtual network can use a Private Link private endpoint instead; "
            + "IP network rules don't apply to the registry's private endpoints.",
          ja: "Azure 仮想ネットワーク内 (または接続されたネットワーク) のクライアントは、代わりに Private Link のプライベート "
            + "エンドポイントを使用できます。IP ネットワーク規則は、レジストリのプライベート エンドポイントには適用されません。"
        ),
        commands: [
          "az acr private-endpoint-connection list --registry-name {registry} -o table",
          "az network private-endpoint create --resource-group <rg> --name <pe-name> --vnet-name <vnet> "
            + "--subnet <subnet> --private-connection-resource-id $(az acr show --name {registry} --query id -o tsv) "
            + "--group-ids registry --connection-name <connection-name>",
        ],
        changesSomething: true
      ),
    ]
  )

  static let reads: Set<FactKind> = [.http, .azure]

  /// The registry said 403 and named the client IP; when `az` shows the rules, that IP is in none of them. Likelier
  /// the root cause when the registry denies by default.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    let view = AzureView(input)
    guard let denial = view.denial, let clientIP = denial.clientIP else { return [] }
    guard let (azureProbe, facts) = view.azureOK else {
      // Without az the registry's own words are still certain: ACR writes this body only for its firewall.
      return [
        FindingDraft(
          id: spec.id, evidence: [denial.line(), "client IP seen by the registry: \(clientIP)"],
          probeIDs: [denial.probe.id], vars: view.vars)
      ]
    }
    // Public access off is the cause then; an IP rule would not help.
    if AzureView.isDisabled(facts.publicNetworkAccess) { return [] }
    let likelihood: Likelihood = facts.defaultAction == .deny ? .likelier : .usual
    // The user's answers name no IP rules: the registry's own words decide, the answer only adds context.
    if facts.state == .answeredByUser {
      let answer = facts.defaultAction.map { ["answer: networkRuleSet.defaultAction=\($0)"] } ?? []
      return [
        FindingDraft(
          id: spec.id, evidence: [denial.line()] + answer, probeIDs: [denial.probe.id, azureProbe.id],
          vars: view.vars, likelihood: likelihood)
      ]
    }
    // An IP the rules already allow is not what the firewall refuses (a rule just added, or another cause).
    if facts.ipRules.contains(where: { CIDRRange($0)?.contains(clientIP) == true }) { return [] }
    let rules = "[\(facts.ipRules.joined(separator: ", "))]"
    let evidence = [
      "\(denial.probe.id): \(denial.statusAndCode) client IP \(clientIP) not in ipRules \(rules)",
      "azure: networkRuleSet.defaultAction=\(facts.defaultAction?.rawValue ?? "unset")",
    ]
    return [
      FindingDraft(
        id: spec.id, evidence: evidence, probeIDs: [denial.probe.id, azureProbe.id], vars: view.vars,
        likelihood: likelihood)
    ]
  }

  /// The registry's answers count on the path the client takes; facts of a direct path it does not take cannot
  /// change this.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    !relevant(input, pending).isEmpty
  }
}
