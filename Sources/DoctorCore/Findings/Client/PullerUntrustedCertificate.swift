// puller-untrusted-certificate (C1): the registry's chain (an inspection proxy's CA, a private CA) is trusted by
// the shell (SSL_CERT_FILE, SSL_CERT_DIR) but not by the Docker daemon, which trusts only the system bundle and
// /etc/docker/certs.d/<host>/: the pull fails with `x509: certificate signed by unknown authority`. Observed by
// the `puller.docker.*` probes (ProbePlan+Puller, TrustStore.docker).

enum PullerUntrustedCertificate: FindingRule {
  static let spec = FindingSpec(
    id: .pullerUntrustedCertificate, cause: .clientFirewallOrProxy, severity: .error, rank: 8,
    title: .init(
      en: "The Docker daemon does not trust the registry's certificate chain",
      ja: "Docker デーモンがレジストリの証明書チェーンを信頼していません"
    ),
    why: .init(
      en:
        "The chain {host} presents is trusted in this shell, but not by the Docker daemon, which makes the pulls: "
        + "the daemon trusts only the system CA bundle and /etc/docker/certs.d/{host}/, never the shell's "
        + "SSL_CERT_FILE. Pulls fail with x509: certificate signed by unknown authority. When a TLS-inspecting "
        + "proxy re-signs the traffic, its CA must be trusted by the daemon too (or the registry exempted from "
        + "inspection).",
      ja: "{host} が提示する証明書チェーンはこのシェルでは信頼されていますが、プルを実行する Docker デーモンには"
        + "信頼されていません。デーモンが信頼するのはシステムの CA バンドルと /etc/docker/certs.d/{host}/ だけで、"
        + "シェルの SSL_CERT_FILE は使用しません。プルは x509: certificate signed by unknown authority で失敗します。"
        + "TLS インスペクション プロキシが通信を再署名している場合は、その CA をデーモンにも信頼させる (またはレジストリを TLS インスペクションの"
        + "対象外にする) 必要があります。"
    ),
    remedies: [certsD, systemBundle, PullerRemedies.containerdHostsCA]
  )

  /// certs.d is read at every pull: no restart needed.
  static let certsD = RemedySpec(
    title: .init(
      en: "Give the daemon the CA in /etc/docker/certs.d/{host}/ca.crt",
      ja: "/etc/docker/certs.d/{host}/ca.crt でデーモンに CA を渡す"
    ),
    steps: .init(
      en:
        "Copy the CA certificate (PEM) the shell trusts for {host} to /etc/docker/certs.d/{host}/ca.crt. The "
        + "daemon reads certs.d at every pull, so no restart is needed; pull again to confirm.",
      ja: "シェルが {host} に対して信頼している CA 証明書 (PEM) を /etc/docker/certs.d/{host}/ca.crt にコピーします。"
        + "デーモンはプルのたびに certs.d を読み込むため、再起動は不要です。もう一度プルして確認してください。"
    ),
    commands: [
      "sudo mkdir -p /etc/docker/certs.d/{host}",
      "sudo cp <inspection-or-private-ca.pem> /etc/docker/certs.d/{host}/ca.crt",
      "openssl s_client -connect {hostPort} -servername {host} -showcerts </dev/null | grep -E 's:|i:'",
    ], changesSomething: true)

  /// The system bundle is read when the daemon starts: restart it.
  static let systemBundle = RemedySpec(
    title: .init(
      en: "Or add the CA to the system bundle and restart the daemon",
      ja: "またはシステムの CA バンドルに追加してデーモンを再起動する"
    ),
    steps: .init(
      en:
        "Install the CA into the system trust store (Debian and Ubuntu: /usr/local/share/ca-certificates/*.crt, "
        + "then update-ca-certificates; RHEL: /etc/pki/ca-trust/source/anchors/, then update-ca-trust). The "
        + "daemon loads the bundle when it starts, so restart it afterwards.",
      ja: "CA をシステムの信頼ストアにインストールします (Debian と Ubuntu: /usr/local/share/ca-certificates/*.crt に置いて "
        + "update-ca-certificates、RHEL: /etc/pki/ca-trust/source/anchors/ に置いて update-ca-trust)。デーモンは起動時に"
        + "バンドルを読み込むため、その後デーモンを再起動してください。"
    ),
    commands: [
      "sudo cp <inspection-or-private-ca.pem> /usr/local/share/ca-certificates/registry-ca.crt",
      "sudo update-ca-certificates",
      "sudo systemctl restart docker",
    ], changesSomething: true)

  static let reads: Set<FactKind> = [.pullerPath, .tls, .proxy]

  /// Only a puller's own path can raise it; the shell's TLS matters once such a path found an untrusted chain,
  /// and only while the shell's verdict on that endpoint is still to come (its chain on the path its client takes,
  /// or the proxy that decides which path that is): a podman behind an inspecting proxy the shell distrusts too
  /// must not hold the early stop for a dropped direct path.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    let proxyToCome = pending.contains { $0.kinds.contains(.proxy) }
    let open = input.pullerPaths.contains {
      $0.1.tls?.outcome == .untrusted && (proxyToCome || input.view($0.1.endpoint).clientTLS == nil)
    }
    return pending.contains { $0.kinds.contains(.pullerPath) || (open && !$0.kinds.isDisjoint(with: reads)) }
  }

  /// The daemon's path reaches the registry's TLS and finds the chain untrusted, while the shell's path to the
  /// same endpoint verifies it (when both fail, tls-handshake-failed says so).
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.pullerPaths.compactMap { p, f in
      // A pasted error's proxy is probed with a guessed trust: pasted-proxy-fails speaks for it.
      guard f.puller != .pastedError, let tls = f.tls, tls.outcome == .untrusted,
        let (sp, shell) = input.view(f.endpoint).clientTLS, shell.outcome == .verified
      else { return nil }
      return FindingDraft(
        id: spec.id,
        evidence: [
          "\(p.id): \(Evidence.pullerPath(f))", "\(sp.id): the shell trusts it: \(Evidence.tls(shell))",
        ], probeIDs: [p.id, sp.id], vars: [.host: f.endpoint.host])
    }
  }
}
