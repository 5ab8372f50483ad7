// tcp-connect-timeout (C1): no address of a public registry endpoint answers the SYN (a firewall drops it).
// Observed by TCPProbe (DoctorProbes/Net) as TCPFacts, one probe per resolved address.

enum TCPConnectTimeout: FindingRule {
  static let spec = FindingSpec(
    id: .tcpConnectTimeout, cause: .clientFirewallOrProxy, severity: .error, rank: 20,
    title: .init(
      en: "Connections to the registry on port 443 time out",
      ja: "レジストリのポート 443 への接続がタイムアウトします"
    ),
    why: .init(
      en:
        "The connection attempt gets no answer at all: a firewall on the way silently drops traffic to the "
        + "registry's public endpoint. Docker reports this as Client.Timeout exceeded or i/o timeout.",
      ja: "接続要求に対して応答がまったくありません。経路上のファイアウォールが、レジストリのパブリック エンドポイントへの"
        + "トラフィックを通知なしに破棄しています。Docker では Client.Timeout exceeded または i/o timeout として報告されます。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Allow egress on TCP 443 to the login server and every data endpoint",
          ja: "ログイン サーバーとすべてのデータ エンドポイントへの TCP 443 のエグレスを許可する"
        ),
        steps: .init(
          en:
            "Configure the firewall rules to access the registry's public REST endpoint ({loginServer}) and its data "
            + "endpoints (one per regional replica). On Azure Firewall or an NSG, the AzureContainerRegistry service "
            + "tag (optionally per region, such as AzureContainerRegistry.<region>) covers them.",
          ja: "レジストリのパブリック REST エンドポイント ({loginServer}) とデータ エンドポイント (リージョンのレプリカごと) に"
            + "アクセスするようにファイアウォール規則を構成します。Azure Firewall や NSG では、AzureContainerRegistry "
            + "サービス タグ (リージョン単位の AzureContainerRegistry.<region> も使用可能) でこれらを対象にできます。"
        ),
        commands: [
          "az acr show-endpoints --name {registry}", "nc -vz -w 5 {host} {port}",
          "curl -v --max-time 10 https://{hostPort}/v2/",
        ]
      ),
      RemedySpec(
        title: .init(
          en: "Check whether this network requires a proxy", ja: "このネットワークでプロキシが必要か確認する"),
        steps: .init(
          en:
            "Many corporate networks allow outbound HTTPS only through a proxy. If other HTTPS sites work only "
            + "through a proxy, set HTTPS_PROXY for the shell and configure the Docker daemon's proxy as well.",
          ja: "多くの企業ネットワークでは、送信 HTTPS はプロキシ経由でのみ許可されています。他の HTTPS サイトにプロキシ経由でしか"
            + "アクセスできない場合は、シェルの HTTPS_PROXY を設定し、Docker デーモンのプロキシも構成してください。"
        ),
        commands: ["env | grep -i _proxy", "docker info | grep -i proxy"]
      ),
    ]
  )

  static let reads: Set<FactKind> = [.dns, .tcp, .proxy]

  /// Nothing connects on the direct path, not every address refused (silence), and the endpoint is not private.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      let v = input.view(e)
      guard e.role.failsAsTheRegistry, v.directPathFails,
        !v.looksPrivate(input.registry), !v.allRefused
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
