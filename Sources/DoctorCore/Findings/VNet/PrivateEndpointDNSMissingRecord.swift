// private-endpoint-dns-missing-record (C3): the public name CNAMEs to <name>.privatelink.azurecr.io, and that
// name has no record in the zone the client's DNS uses. Observed by DNSFactsProbe (CNAME chain, NXDOMAIN).

enum PrivateEndpointDNSMissingRecord: FindingRule {
  static let spec = FindingSpec(
    id: .privateEndpointDNSMissingRecord, cause: .vnetPrivateEndpointConfig, severity: .error, rank: 9,
    title: .init(
      en: "The privatelink name of the registry has no DNS record",
      ja: "レジストリの privatelink 名に DNS レコードがありません"
    ),
    why: .init(
      en:
        "{host} points to a name in privatelink.azurecr.io, but the private DNS zone has no A record for it, so "
        + "the lookup fails. Confirm that DNS records are configured for the registry FQDN and each data "
        + "endpoint FQDN.",
      ja: "{host} は privatelink.azurecr.io の名前を指していますが、プライベート DNS ゾーンに対応する A レコードがないため、"
        + "参照に失敗します。レジストリの FQDN と各データ エンドポイントの FQDN 用に DNS レコードが構成されていることを確認します。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Let the private endpoint manage its records with a DNS zone group",
          ja: "DNS ゾーン グループでプライベート エンドポイントにレコードを管理させる"
        ),
        steps: .init(
          en:
            "A DNS zone group makes Azure create and update the A records for the registry and every data "
            + "endpoint, also when replicas are added.",
          ja: "DNS ゾーン グループを使用すると、レプリカを追加したときも含め、レジストリとすべてのデータ エンドポイントの A レコードが"
            + "Azure によって作成および更新されます。"
        ),
        commands: [
          "az network private-dns record-set a list --resource-group <rg> --zone-name privatelink.azurecr.io -o table",
          "az network private-endpoint dns-zone-group create --resource-group <rg> --endpoint-name <pe-name> "
            + "--name default --private-dns-zone privatelink.azurecr.io --zone-name privatelink.azurecr.io",
        ],
        changesSomething: true
      ),
      RemedySpec(
        title: .init(en: "Or add the A record by hand", ja: "または A レコードを手動で追加する"),
        steps: .init(
          en:
            "Read the private IP addresses from the private endpoint's DNS configuration and add the record for "
            + "{registry} (and one per data endpoint, named <registry>.<region>.data).",
          ja: "プライベート エンドポイントの DNS 構成からプライベート IP アドレスを確認し、{registry} のレコード "
            + "(およびデータ エンドポイントごとに <registry>.<region>.data という名前のレコード) を追加します。"
        ),
        commands: [
          "az network private-endpoint show --resource-group <rg> --name <pe-name> --query customDnsConfigs",
          "az network private-dns record-set a add-record --resource-group <rg> --zone-name privatelink.azurecr.io "
            + "--record-set-name {registry} --ipv4-address <private-ip>",
        ],
        changesSomething: true
      ),
      SharedRemedies.checkHealthVNet,
    ]
  )

  static let reads: Set<FactKind> = [.dns]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      guard e.role != .dataEndpoint else { return nil }
      let v = input.view(e)
      guard let (p, d) = v.dns, v.privateLinkNameMissing else { return nil }
      return FindingDraft(
        id: spec.id, evidence: Evidence.privateLinkMissing(p, d), probeIDs: [p.id], vars: v.templateVars)
    }
  }

  /// A name that resolved cannot stop resolving because of what its TCP, TLS or proxy probes say.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    relevant(input, pending).contains { !input.resolvedAlready($0) }
  }
}
