// blob-host-unreachable (C1): layers come from another host than the login server (a storage account
// `*.blob.core.windows.net` for ACR without dedicated data endpoints, Docker Hub's CDN, ghcr's, quay's, S3, GCS),
// learnt from the blob request's redirect (`--image`), and this network does not let that host through: login
// and manifests work, the layers do not. Observed by TCPProbe and HTTPSProbe on the blob host.

enum BlobHostUnreachable: FindingRule {
  static let spec = FindingSpec(
    id: .blobHostUnreachable, cause: .clientFirewallOrProxy, severity: .error,
    rank: FindingRank(26, lessLikely: 28),
    title: .init(
      en: "The host image layers come from cannot be reached",
      ja: "イメージ レイヤーの取得元ホストに接続できません"
    ),
    why: .init(
      en:
        "The registry answers blob requests with a redirect to {host}, which serves the layers. Login and manifests "
        + "go to the login server, so docker login works, but every pull stops at the first layer: "
        + "error pulling image configuration or failed to copy, dial tcp {host}:443.",
      ja: "レジストリは BLOB 要求に対して {host} へのリダイレクトを返し、レイヤーはそのホストから配信されます。ログインと"
        + "マニフェストはログイン サーバーを使用するため docker login は成功しますが、すべてのプルが最初のレイヤーで止まります"
        + " (error pulling image configuration または failed to copy、dial tcp {host}:443)。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Allow the host layers come from in the firewall or proxy",
          ja: "レイヤーの取得元ホストをファイアウォールまたはプロキシで許可する"
        ),
        steps: .init(
          en:
            "Allow HTTPS (443) to {host} as well as to the login server. An ACR without dedicated data endpoints "
            + "serves layers from its storage account, *.blob.core.windows.net, whose name can change: allow "
            + "*.blob.core.windows.net, or enable dedicated data endpoints (Premium tier) and allow "
            + "<registry-name>.<region>.data.azurecr.io instead. Other registries name their blob hosts in their "
            + "documentation (Docker Hub: production.cloudflare.docker.com; ghcr.io: pkg-containers.githubusercontent.com).",
          ja: "ログイン サーバーに加えて {host} への HTTPS (443) を許可します。専用データ エンドポイントのない ACR は、"
            + "ストレージ アカウント *.blob.core.windows.net からレイヤーを配信し、その名前は変わることがあります。"
            + "*.blob.core.windows.net を許可するか、専用データ エンドポイント (Premium レベル) を有効にして "
            + "<registry-name>.<region>.data.azurecr.io を許可してください。ほかのレジストリは BLOB ホストを文書で示しています"
            + " (Docker Hub: production.cloudflare.docker.com、ghcr.io: pkg-containers.githubusercontent.com)。"
        ),
        commands: [
          "nc -vz -w 5 {host} 443", "curl -sv --max-time 10 -o /dev/null https://{host}/",
          "az acr show-endpoints --name {registry}",
        ]
      ),
      RemedySpec(
        title: .init(
          en: "Enable dedicated data endpoints for a fixed name to allow-list (ACR)",
          ja: "許可リストに登録する固定の名前のために専用データ エンドポイントを有効にする (ACR)"
        ),
        steps: .init(
          en: "Dedicated data endpoints give one fixed name per region instead of storage names that change.",
          ja: "専用データ エンドポイントを使用すると、変化し得るストレージ名ではなくリージョンごとに固定の名前になります。"
        ),
        commands: ["az acr update --name {registry} --data-endpoint-enabled true"],
        changesSomething: true
      ),
    ]
  )

  static let reads: Set<FactKind> = [.dns, .tcp, .tls, .proxy, .http, .pull]

  /// A blob host's path fails: nothing connects directly where the client goes direct, or the client's proxy
  /// refuses to tunnel to it. Less likely the root cause when the login server fails too.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    let loginWorks = input.loginServer.map { $0.anyConnected || $0.proxyWorks } ?? false
    return input.endpoints.compactMap { e in
      guard e.role == .blobHost else { return nil }
      let v = input.view(e)
      var evidence: [String] = []
      if v.directPathFails {
        evidence = Evidence.connects(v)
      } else if v.goUsesProxy, let (p, f) = v.proxy, f.outcome != .established {
        evidence = ["\(p.id): \(Evidence.proxy(f))"]
      } else {
        return nil
      }
      if let (p, pull) = input.pull, let host = pull.blobHost, host.host == e.host {
        evidence.insert("\(p.id): the blob request was redirected to \(host.hostPort)", at: 0)
      }
      return FindingDraft(
        id: spec.id, evidence: evidence, probeIDs: v.ids, vars: v.addressVars.merging(v.templateVars) { a, _ in a },
        likelihood: loginWorks ? .usual : .lessLikely)
    }
  }

  /// Blob hosts come only from a followed pull: without one (done or pending) nothing can add this. A blob host's
  /// own facts decide it; the login server's only weigh a draft already there.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    guard input.pull != nil || pending.contains(where: { $0.kinds.contains(.pull) }) else { return false }
    return pending.contains { p in
      guard !p.kinds.isDisjoint(with: reads) else { return false }
      guard let view = input.view(of: p), view.endpoint.role != .blobHost else { return !input.clientBypasses(p) }
      return !decide(input).isEmpty
    }
  }
}
