// registry-mirror-unreachable (C1, warning): a mirror the puller tries before the registry (containerd's hosts.toml
// `[host]`, podman's registries.conf `[[registry.mirror]]`, the Docker daemon's daemon.json `registry-mirrors`,
// which it uses for Docker Hub pulls only) does not answer on the puller's own path. Each falls back to the next
// host and finally to the registry itself (dockerd on any error of a mirror endpoint: moby distribution.Pull,
// continueOnError), so the pull still works when the registry's path does (slower: each pull waits for the mirror
// first); when the registry's path fails too, its own finding is the error. Observed by the puller's path probe
// of the mirror (`puller.<kind>.mirror.<host>`).

enum RegistryMirrorUnreachable: FindingRule {
  static let spec = FindingSpec(
    id: .registryMirrorUnreachable, cause: .clientFirewallOrProxy, severity: .warning, rank: 42,
    title: .init(
      en: "A registry mirror the puller tries first does not answer",
      ja: "プラーが最初に試すレジストリ ミラーが応答しません"
    ),
    why: .init(
      en:
        "The puller's configuration sends pulls for {loginServer} to the mirror {host} first. It does not answer on the "
        + "puller's path, so every pull waits for it, then falls back to the next host and finally to the registry "
        + "itself: the pull still works while the registry's own path does, only slower.",
      ja: "プラーの構成では、{loginServer} のプルは最初にミラー {host} に送られます。ミラーはプラーの経路で応答しないため、"
        + "プルのたびにミラーを待ってから次のホスト、最後にレジストリ自体にフォールバックします。レジストリ自体の経路が"
        + "正常な間はプルは成功しますが、遅くなります。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Repair the mirror, or remove it from the puller's configuration",
          ja: "ミラーを修復するか、プラーの構成から削除する"
        ),
        steps: .init(
          en:
            "Check that the mirror runs and that the firewall or the puller's proxy lets it through. A mirror that "
            + "is gone for good: remove its [host.\"https://{host}\"] table from containerd's "
            + "/etc/containerd/certs.d/{loginServer}/hosts.toml (read at each pull), or its [[registry.mirror]] entry "
            + "from /etc/containers/registries.conf (podman, CRI-O: restart crio), or its URL from the Docker daemon's "
            + "/etc/docker/daemon.json \"registry-mirrors\" (then systemctl reload docker: dockerd re-reads the "
            + "mirrors on SIGHUP).",
          ja: "ミラーが稼働していること、ファイアウォールまたはプラーのプロキシが通信を許可していることを確認します。"
            + "ミラーを廃止した場合は、containerd の /etc/containerd/certs.d/{loginServer}/hosts.toml (プルのたびに読み込まれます)"
            + " から [host.\"https://{host}\"] テーブルを、または /etc/containers/registries.conf (podman、CRI-O: crio を再起動)"
            + " から [[registry.mirror]] エントリを、または Docker デーモンの /etc/docker/daemon.json の \"registry-mirrors\""
            + " からその URL を削除します (その後 systemctl reload docker: dockerd は SIGHUP でミラーを読み直します)。"
        ),
        commands: ["curl -sv --max-time 10 -o /dev/null https://{host}/v2/"]
      )
    ]
  )

  static let reads: Set<FactKind> = [.pullerPath]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    let paths = input.pullerPaths
    return paths.compactMap { p, f in
      guard f.isMirror, f.notTried == nil, !f.answered else { return nil }
      var evidence = ["\(p.id): \(Evidence.pullerPath(f))", "\(p.id): settings from \(f.source)"]
      let upstream = paths.first { $0.1.puller == f.puller && $0.1.endpoint.role == .loginServer }
      if let (q, u) = upstream {
        evidence.append(
          u.answered
            ? "\(q.id): the registry itself answers on the same path: \(f.puller.rawValue) falls back to it"
            : "\(q.id): the registry itself fails on the same path too: the fallback fails as well")
      }
      return FindingDraft(
        id: spec.id, evidence: evidence, probeIDs: [p.id] + (upstream.map { [$0.0.id] } ?? []),
        vars: [.host: f.endpoint.hostPort])
    }
  }
}
