// tls-interception (C1, warning): the chain is not the registry's public CA: a proxy re-signs TLS (inspection).
// Observed by HTTPSProbe (DoctorProbes/Net): the certificate chain, read even when verification fails.

enum TLSInterception: FindingRule {
  static let spec = FindingSpec(
    id: .tlsInterception, cause: .clientFirewallOrProxy, severity: .warning, rank: 28,
    title: .init(
      en: "A proxy or firewall inspects TLS to the registry",
      ja: "プロキシまたはファイアウォールがレジストリへの TLS をインスペクションしています"
    ),
    why: .init(
      en:
        "The certificate chain is not issued by the registry's public CA, so a device on the path decrypts and "
        + "re-encrypts the traffic. Clients that do not trust the device's CA fail, and large layer downloads can be "
        + "slowed down or cut.",
      ja: "証明書チェーンがレジストリのパブリック CA によって発行されたものではないため、経路上のデバイスがトラフィックを"
        + "復号して再暗号化しています。デバイスの CA を信頼していないクライアントは失敗し、大きなレイヤーのダウンロードが"
        + "遅くなったり中断されたりする場合があります。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Exclude the registry from TLS inspection", ja: "レジストリを TLS インスペクションの対象から除外する"),
        steps: .init(
          en:
            "Ask the proxy or firewall team to bypass inspection for {loginServer} and every data endpoint "
            + "(*.data.azurecr.io). This is the most reliable fix.",
          ja: "{loginServer} とすべてのデータ エンドポイント (*.data.azurecr.io) を TLS インスペクションの対象外にするよう、プロキシまたは"
            + "ファイアウォールの担当チームに依頼してください。これが最も確実な対処法です。"
        ),
        commands: [
          "openssl s_client -connect {host}:{port} -servername {host} </dev/null 2>/dev/null"
            + " | openssl x509 -noout -issuer -subject"
        ]
      ),
      RemedySpec(
        title: .init(
          en: "Or trust the inspecting CA and restart Docker",
          ja: "またはインスペクション用 CA を信頼し、Docker を再起動する"
        ),
        steps: .init(
          en:
            "Install the proxy's root CA certificate (PEM, .crt) into the system trust store. The Docker daemon reads "
            + "the store only when it starts, so restart it afterwards.",
          ja: "プロキシのルート CA 証明書 (PEM 形式、.crt) をシステムの信頼ストアにインストールします。Docker デーモンは起動時に"
            + "のみ信頼ストアを読み込むため、インストール後にデーモンを再起動してください。"
        ),
        commands: [
          "sudo cp <proxy-root-ca>.crt /usr/local/share/ca-certificates/",
          "sudo update-ca-certificates",
          "sudo systemctl restart docker",
        ],
        changesSomething: true
      ),
    ]
  )

  static let reads: Set<FactKind> = [.tls, .proxy]

  /// The chain on the client's path was not issued by the registry's public CA.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      guard let (p, tls) = input.view(e).clientTLS, looksIntercepted(tls.chain, registry: input.registry) else {
        return nil
      }
      let evidence = [
        "\(p.id): \(Evidence.issuer(tls)) (\(tls.path.text))",
        "expected a public CA of the registry (e.g. Microsoft / DigiCert for ACR)",
      ]
      return FindingDraft(id: spec.id, evidence: evidence, probeIDs: [p.id], vars: [.host: e.host])
    }
  }

  /// Organisations whose CAs sign Azure Container Registry's certificates.
  static let acrIssuerOrganizations = ["microsoft", "digicert"]
  /// Words in an issuer that name a TLS-inspecting proxy product.
  static let inspectionVendors = [
    "zscaler", "palo alto", "fortinet", "fortigate", "netskope", "blue coat", "bluecoat", "symantec web",
    "cisco umbrella",
    "sophos", "check point", "checkpoint", "forcepoint", "websense", "mcafee web", "skyhigh", "squid", "mitmproxy",
    "inspection", "ssl decrypt", "interception",
  ]

  /// True when the chain was not issued by the registry's public CA: someone in the path re-signs TLS.
  static func looksIntercepted(_ chain: [CertificateSummary], registry: RegistryTarget) -> Bool {
    guard let leaf = chain.first else { return false }
    let issuers = chain.map { "\($0.issuer) \($0.issuerOrganization ?? "")".lowercased() }
    if issuers.contains(where: { i in inspectionVendors.contains { i.contains($0) } }) { return true }
    if registry.isACR {
      let org = "\(leaf.issuerOrganization ?? "") \(leaf.issuer)".lowercased()
      return !acrIssuerOrganizations.contains { org.contains($0) }
    }
    return false
  }

  /// Facts of a direct path the client does not take (it goes through its proxy) cannot change this.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    !relevant(input, pending).isEmpty
  }
}
