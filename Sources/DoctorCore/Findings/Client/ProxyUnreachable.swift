// proxy-unreachable (C1): the proxy Go or curl would use cannot be reached (refused, silent, malformed URL).
// Observed by ProxyTunnel (DoctorProbes/Net): regdoctor's own CONNECT through that proxy, as ProxyFacts.

enum ProxyUnreachable: FindingRule {
  static let spec = FindingSpec(
    id: .proxyUnreachable, cause: .clientFirewallOrProxy, severity: .error, rank: 8,
    title: .init(
      en: "The configured proxy cannot be reached",
      ja: "構成されているプロキシに接続できません"
    ),
    why: .init(
      en:
        "HTTPS_PROXY sends every registry request to {proxy}, and that proxy does not accept connections (wrong "
        + "host or port, proxy down, or a firewall in between), so nothing reaches the registry.",
      ja: "HTTPS_PROXY によってレジストリへのすべての要求が {proxy} に送られますが、そのプロキシが接続を受け付けていません "
        + "(ホストまたはポートの誤り、プロキシの停止、または間のファイアウォール)。そのため、レジストリには何も届きません。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Check the proxy address and port", ja: "プロキシのアドレスとポートを確認する"),
        steps: .init(
          en:
            "Compare the proxy variables with the proxy your network publishes (PAC file or IT documentation); "
            + "try the proxy directly with curl.",
          ja: "プロキシ変数を、ネットワークで公開されているプロキシ (PAC ファイルや IT 部門のドキュメント) と比較し、"
            + "curl でプロキシを直接試してください。"
        ),
        commands: ["env | grep -i _proxy", "curl -v --max-time 10 -x '{proxy}' https://{hostPort}/v2/"]
      ),
      RemedySpec(
        title: .init(
          en: "Fix the proxy in the shell and in the Docker daemon",
          ja: "シェルと Docker デーモンのプロキシを修正する"),
        steps: .init(
          en:
            "Correct HTTPS_PROXY in the shell profile and the Docker daemon's proxy settings alike, then restart "
            + "the daemon.",
          ja: "シェル プロファイルの HTTPS_PROXY と Docker デーモンのプロキシ設定の両方を修正し、デーモンを再起動してください。"
        ),
        commands: [
          "systemctl show docker --property=Environment",
          "sudo systemctl daemon-reload && sudo systemctl restart docker",
        ],
        changesSomething: true
      ),
    ]
  )

  static let reads: Set<FactKind> = [.proxy]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    ProxyFailure.drafts(input, outcomes: [.unreachable, .timeout, .malformed], as: spec.id)
  }
}
