// tls-handshake-failed (C1): TLS on the client's path fails (untrusted chain, wrong name, expired, reset).
// Observed by HTTPSProbe (DoctorProbes/Net) as TLSFacts, direct or through the proxy's tunnel.

enum TLSHandshakeFailed: FindingRule {
  static let spec = FindingSpec(
    id: .tlsHandshakeFailed, cause: .clientFirewallOrProxy, severity: .error, rank: 30,
    title: .init(
      en: "The TLS handshake with the registry fails",
      ja: "レジストリとの TLS ハンドシェイクが失敗します"
    ),
    why: .init(
      en:
        "The connection opens but TLS does not complete: the certificate chain is not trusted, the name does not "
        + "match, or a device on the path resets the session. Docker and the Azure CLI refuse such a connection.",
      ja: "接続は確立されますが TLS が完了しません。証明書チェーンが信頼されていない、名前が一致しない、または経路上のデバイスが"
        + "セッションをリセットしています。Docker と Azure CLI はこのような接続を拒否します。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Inspect the certificate chain the client receives", ja: "クライアントが受け取る証明書チェーンを確認する"),
        steps: .init(
          en:
            "The registry presents a certificate for *.azurecr.io issued by a Microsoft public CA. Another issuer "
            + "means TLS inspection; a reset during the handshake means a device on the path blocks it.",
          ja: "レジストリは、Microsoft のパブリック CA が発行した *.azurecr.io の証明書を提示します。発行者が異なる場合は "
            + "TLS インスペクションが行われています。ハンドシェイク中にリセットされる場合は、経路上のデバイスがブロックしています。"
        ),
        commands: [
          "openssl s_client -connect {host}:{port} -servername {host} -showcerts </dev/null",
          "curl -v --max-time 10 https://{hostPort}/v2/",
        ]
      ),
      RemedySpec(
        title: .init(en: "Check the trust store and the clock", ja: "信頼ストアと時刻を確認する"),
        steps: .init(
          en:
            "Refresh the system CA bundle; if SSL_CERT_FILE or SSL_CERT_DIR is set, make sure it points to a "
            + "complete bundle. A wrong system clock makes valid certificates look expired.",
          ja: "システムの CA バンドルを更新します。SSL_CERT_FILE または SSL_CERT_DIR が設定されている場合は、完全なバンドルを"
            + "指していることを確認してください。システム時刻がずれていると、有効な証明書も期限切れと判断されます。"
        ),
        commands: [
          "env | grep -E '^SSL_CERT_(FILE|DIR)='", "sudo update-ca-certificates",
          "timedatectl status",
        ],
        changesSomething: true
      ),
    ]
  )

  static let reads: Set<FactKind> = [.tls, .proxy]

  /// TLS on the path the client takes does not verify.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      guard let (p, tls) = input.view(e).clientTLS, tls.outcome != .verified else { return nil }
      let evidence =
        ["\(p.id): \(Evidence.tls(tls))", "\(p.id): \(Evidence.issuer(tls))"]
        + (tls.reason.map { ["reason: \($0)"] } ?? [])
      return FindingDraft(id: spec.id, evidence: evidence, probeIDs: [p.id], vars: [.host: e.host])
    }
  }

  /// Facts of a direct path the client does not take (it goes through its proxy) cannot change this.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    !relevant(input, pending).isEmpty
  }
}
