// proxy-scheme-mismatch (C1): HTTPS_PROXY=https://… points at a plain-HTTP proxy, or the reverse.
// Observed by ProxyTunnel (DoctorProbes/Net): a TLS record where HTTP was expected, or the reverse.

enum ProxySchemeMismatch: FindingRule {
  static let spec = FindingSpec(
    id: .proxySchemeMismatch, cause: .clientFirewallOrProxy, severity: .error, rank: 8,
    title: .init(
      en: "The proxy URL's scheme does not match the proxy",
      ja: "プロキシ URL のスキームがプロキシと一致していません"
    ),
    why: .init(
      en:
        "HTTPS_PROXY=https://… makes the client speak TLS to the proxy itself, but the proxy listens for plain HTTP "
        + "(or the reverse). The handshake fails or the proxy drops the connection before any CONNECT.",
      ja: "HTTPS_PROXY=https://… を指定すると、クライアントはプロキシ自体と TLS で通信しようとしますが、プロキシは平文の HTTP で"
        + "待ち受けています (またはその逆)。CONNECT の前にハンドシェイクが失敗するか、プロキシが接続を切断します。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Use http:// for a plain HTTP proxy", ja: "平文の HTTP プロキシには http:// を使用する"),
        steps: .init(
          en:
            "The variable is named HTTPS_PROXY because it is used for HTTPS destinations; the proxy URL itself "
            + "usually starts with http://. Change it in the shell profile and in the Docker daemon's settings, then "
            + "restart the daemon.",
          ja: "HTTPS_PROXY という変数名は HTTPS の宛先に使用されることを表しており、プロキシ URL 自体は通常 http:// で始まります。"
            + "シェル プロファイルと Docker デーモンの設定の両方で変更し、デーモンを再起動してください。"
        ),
        commands: [
          "env | grep -i _proxy",
          "curl -v --max-time 10 -x 'http://<proxy-host>:<port>' https://{hostPort}/v2/",
          "sudo systemctl daemon-reload && sudo systemctl restart docker",
        ],
        changesSomething: true
      )
    ]
  )

  static let reads: Set<FactKind> = [.proxy]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    ProxyFailure.drafts(input, outcomes: [.schemeMismatch], as: spec.id)
  }
}
