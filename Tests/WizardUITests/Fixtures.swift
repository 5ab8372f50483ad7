import DoctorCore
import Foundation
import WizardUI

// Small, fixed data for the wizard's tests: a few runbook specs and one report. They stand in for the runbook
// texts and the engine (written elsewhere), so these tests depend only on WizardUI.

enum Fixtures {
  static let symptoms: [SymptomSpec] = [
    spec(.s1, "Pull fails: dial tcp: lookup <registry>", "プルが失敗する: dial tcp: lookup <registry>", "dial tcp: lookup"),
    spec(
      .s2, "Client.Timeout exceeded while awaiting headers", "Client.Timeout exceeded while awaiting headers で失敗する",
      "Client.Timeout exceeded"),
    spec(.s3, "Azure CLI: Could not connect to the registry login server", "Azure CLI でログインサーバーに接続できない", nil),
    spec(.s4, "AKS or another Azure service cannot pull", "AKS などの Azure サービスからプルできない", nil),
    spec(
      .s5, "Behind an HTTPS proxy: 403 Forbidden or proxyconnect tcp: EOF",
      "HTTPS プロキシ経由で 403 Forbidden または proxyconnect tcp: EOF", "proxyconnect tcp: EOF"),
    spec(.s6, "Virtual network settings cannot be saved", "仮想ネットワークの設定を保存できない", nil),
    spec(.s7, "Registry settings cannot be viewed or managed", "レジストリの設定を表示・管理できない", nil),
    spec(.s8, "Network rules cannot be added or changed", "ネットワーク規則を追加・変更できない", nil),
    spec(.s9, "ACR Tasks cannot push or pull", "ACR タスクでプッシュ・プルできない", nil),
    spec(.s10, "Defender for Cloud cannot scan images", "Defender for Cloud がイメージをスキャンできない", nil),
    spec(.s11, "host is not reachable with a private endpoint", "プライベートエンドポイント構成で host is not reachable", nil),
  ]

  static let causes: [CauseSpec] = [
    cause(.clientFirewallOrProxy, "Client firewall or proxy", "クライアントのファイアウォールまたはプロキシ"),
    cause(.registryPublicAccessRules, "Registry public access rules", "レジストリのパブリック アクセス規則"),
    cause(.vnetPrivateEndpointConfig, "Virtual network or private endpoint", "仮想ネットワークまたはプライベート エンドポイント"),
    cause(.serviceIntegrationRestricted, "Azure service integration", "Azure サービスとの統合"),
    cause(.registryAuth, "Authentication", "認証"),
    cause(.none, "No network problem", "ネットワークの問題なし"),
  ]

  static func spec(_ id: SymptomID, _ en: String, _ ja: String, _ error: String?) -> SymptomSpec {
    SymptomSpec(id: id, title: LocalizedText(en: en, ja: ja), errorText: error, likelyCauses: [.clientFirewallOrProxy])
  }

  static func cause(_ id: CauseID, _ en: String, _ ja: String) -> CauseSpec {
    CauseSpec(
      id: id, title: LocalizedText(en: en, ja: ja),
      advice: LocalizedText(en: "Advice for \(en.lowercased()).", ja: "\(ja)についての助言です。"),
      checks: ["az acr check-health --name {registry}"])
  }

  /// Accepts `name` (an ACR) or `host[:port]`; the real parser lives in DoctorCore.
  static let validate: @Sendable (String, [String]) -> Result<RegistryTarget, InputError> = { input, extras in
    let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-:")
    guard !input.isEmpty, input.lowercased().allSatisfy({ allowed.contains($0) }) else {
      return .failure(InputError("'\(input)' is not a registry name or host"))
    }
    if input.contains(".") {
      return .success(RegistryTarget(input: input, kind: .generic, host: input, dataEndpoints: extras))
    }
    let endpoints = extras.map { $0.contains(".") ? $0 : "\(input).\($0).data.azurecr.io" }
    return .success(
      RegistryTarget(
        input: input, kind: .acr(name: input, suffix: "azurecr.io"), host: "\(input).azurecr.io",
        dataEndpoints: endpoints))
  }

  static let match: @Sendable (String) -> [SymptomID] = { text in
    var ids: [SymptomID] = []
    if text.contains("lookup") { ids.append(.s1) }
    if text.contains("Client.Timeout") { ids.append(.s2) }
    if text.contains("proxyconnect") || text.contains("403") { ids.append(.s5) }
    return ids
  }

  static func config(_ language: Language = .en, ascii: Bool = false) -> WizardConfig {
    WizardConfig(
      language: language, symptoms: symptoms, causes: causes, validateRegistry: validate, matchError: match,
      asciiOnly: ascii, now: { Date(timeIntervalSince1970: 1_795_000_000) })
  }

  static let target = RegistryTarget(
    input: "contoso", kind: .acr(name: "contoso", suffix: "azurecr.io"), host: "contoso.azurecr.io",
    dataEndpoints: ["contoso.japaneast.data.azurecr.io"])

  static let probes: [ProbeResult] = [
    ProbeResult(
      id: "dns.login-server", target: "contoso.azurecr.io", status: .pass, durationMs: 3.2,
      summary: "contoso.azurecr.io -> 20.43.65.1 (public)", phases: [PhaseTiming(.namelookup, 3.2)],
      details: [Detail("cname chain", "contoso.azurecr.io -> jpe-2.fe.azcr.io"), Detail("nameserver", "127.0.0.53")]),
    ProbeResult(
      id: "tcp.login-server.20.43.65.1", target: "20.43.65.1:443", status: .fail, durationMs: 5000,
      summary: "connect timed out after 5000ms (no SYN-ACK)",
      phases: [PhaseTiming(.namelookup, 3), PhaseTiming(.connect, 5000)],
      details: [Detail("address", "20.43.65.1"), Detail("error", "ETIMEDOUT")]),
    ProbeResult(
      id: "tls.login-server", target: "contoso.azurecr.io:443", status: .skip, durationMs: 0,
      summary: "skipped: no TCP connection"),
    ProbeResult(
      id: "dns.data-endpoint.japaneast", target: "contoso.japaneast.data.azurecr.io", status: .pass, durationMs: 4,
      summary: "resolves to 20.43.66.7 (public)", phases: [PhaseTiming(.namelookup, 4)]),
    ProbeResult(
      id: "proxy.environment", target: "HTTPS_PROXY", status: .pass, durationMs: 0.1, summary: "no proxy configured"),
    ProbeResult(
      id: "docker.daemon", target: "/var/run/docker.sock", status: .warn, durationMs: 12,
      summary: "daemon has no proxy configured", details: [Detail("HTTPSProxy", "(none)")]),
  ]

  static let findings: [Finding] = [
    Finding(
      id: .tcpConnectTimeout, cause: .clientFirewallOrProxy, severity: .error,
      title: "TCP connections to the registry time out",
      why:
        "Nothing answers the SYN to contoso.azurecr.io:443: a firewall on the way drops the traffic, so docker pull waits until it gives up.",
      evidence: ["tcp.login-server.20.43.65.1: timeout after 5000ms", "dns.login-server: 20.43.65.1 (public)"],
      probeIDs: ["dns.login-server", "tcp.login-server.20.43.65.1"],
      remedies: [
        Remedy(
          title: "Allow the registry endpoints in the firewall",
          steps: "Allow outbound HTTPS (443) to the login server and to every data endpoint.",
          commands: ["az acr show-endpoints --name contoso", "curl -v https://contoso.azurecr.io/v2/"],
          changesSomething: false),
        Remedy(
          title: "Use the corporate proxy",
          steps: "Set HTTPS_PROXY for the Docker client and the daemon, then restart the daemon.",
          commands: ["sudo systemctl restart docker"], changesSomething: true),
      ]),
    Finding(
      id: .dockerDaemonProxyMissing, cause: .clientFirewallOrProxy, severity: .warning,
      title: "The Docker daemon has no proxy",
      why: "docker pull is done by the daemon, which does not read your shell's variables.",
      evidence: ["docker.daemon: HTTPSProxy empty"], probeIDs: ["docker.daemon"],
      remedies: [
        Remedy(
          title: "Configure the daemon's proxy", steps: "Add a systemd drop-in with HTTPS_PROXY and restart Docker.",
          commands: ["sudo systemctl edit docker"], changesSomething: true)
      ]),
  ]

  static let report = Report(
    registry: target, language: .en, symptoms: [.s2], probes: probes, findings: findings,
    conclusion: Conclusion(
      finding: .tcpConnectTimeout, cause: .clientFirewallOrProxy,
      summary: "A firewall drops traffic to contoso.azurecr.io:443"),
    elapsedMs: 5012.4)

  /// Japanese texts for the parts of the report that come from the runbook.
  static var reportJA: Report {
    var r = report
    r.language = .ja
    r.conclusion.summary = "ファイアウォールが contoso.azurecr.io:443 への通信を遮断しています"
    r.findings[0].title = "レジストリへの TCP 接続がタイムアウトする"
    r.findings[0].why = "contoso.azurecr.io:443 への SYN に応答がありません。途中のファイアウォールが通信を破棄しているため、docker pull は諦めるまで待ち続けます。"
    r.findings[0].remedies[0].title = "ファイアウォールでレジストリのエンドポイントを許可する"
    r.findings[0].remedies[0].steps = "ログインサーバーとすべてのデータエンドポイントへの送信 HTTPS (443) を許可します。"
    r.findings[0].remedies[1].title = "社内プロキシを使う"
    r.findings[1].title = "Docker デーモンにプロキシが設定されていない"
    r.findings[1].remedies[0].title = "デーモンのプロキシを設定する"
    return r
  }
}
