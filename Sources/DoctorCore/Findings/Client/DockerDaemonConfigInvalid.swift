// docker-daemon-config-invalid (C1): /etc/docker/daemon.json or a docker.service drop-in does not parse, so the
// daemon refuses to start or runs without its proxy. Observed by DockerDaemonProbe (strict JSON, drop-in parser).

enum DockerDaemonConfigInvalid: FindingRule {
  static let spec = FindingSpec(
    id: .dockerDaemonConfigInvalid, cause: .clientFirewallOrProxy, severity: .error, rank: 3,
    title: .init(
      en: "The Docker daemon's configuration does not parse",
      ja: "Docker デーモンの構成ファイルを解析できません"
    ),
    why: .init(
      en:
        "/etc/docker/daemon.json or a systemd drop-in for docker.service contains a syntax error. The daemon "
        + "refuses to start, or starts without the intended proxy settings.",
      ja: "/etc/docker/daemon.json または docker.service の systemd ドロップインに構文エラーがあります。デーモンが起動しないか、"
        + "意図したプロキシ設定なしで起動します。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Validate the daemon configuration", ja: "デーモンの構成を検証する"),
        steps: .init(
          en:
            "dockerd --validate (Docker Engine 23.0 or later) checks daemon.json; the journal shows why the daemon "
            + "failed to start. Fix the reported line, then restart the daemon.",
          ja: "dockerd --validate (Docker Engine 23.0 以降) で daemon.json を検証できます。デーモンが起動しなかった理由は"
            + "ジャーナルで確認できます。報告された行を修正し、デーモンを再起動してください。"
        ),
        commands: [
          "sudo dockerd --validate --config-file /etc/docker/daemon.json",
          "python3 -m json.tool /etc/docker/daemon.json",
          "sudo journalctl -u docker --since '-15min' --no-pager",
        ]
      ),
      RemedySpec(
        title: .init(en: "Check the systemd drop-ins", ja: "systemd のドロップインを確認する"),
        steps: .init(
          en:
            "Each drop-in needs a [Service] section and Environment=\"NAME=value\" lines. systemctl cat shows all "
            + "files that apply; reload systemd and restart the daemon after fixing them.",
          ja:
            "各ドロップインには [Service] セクションと Environment=\"NAME=value\" 形式の行が必要です。systemctl cat で、適用される"
            + "すべてのファイルを確認できます。修正後は systemd を再読み込みし、デーモンを再起動してください。"
        ),
        commands: [
          "systemctl cat docker",
          "sudo systemd-analyze verify docker.service",
          "sudo systemctl daemon-reload && sudo systemctl restart docker",
        ],
        changesSomething: true
      ),
    ]
  )

  static let reads: Set<FactKind> = [.dockerDaemon]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    guard let (p, d) = input.dockerDaemon else { return [] }
    return d.sources.compactMap { s in
      guard let err = s.parseError else { return nil }
      return FindingDraft(
        id: spec.id, evidence: ["\(p.id): \(s.path): \(err)"], probeIDs: [p.id])
    }
  }
}
