import DoctorCore

// The followed pull (`--image`) in the puller branch: the pull as the puller made it (which puller, its proxy, its
// trust), each of its requests (the challenge, the token, the manifest, the blob request and the host its redirect
// names), and each host layers come from with its own probes (DNS, TCP, TLS, HTTP, the proxy). Built from the
// report's probes only; every value from outside goes through shownText (the prober keeps no query or token).

/// The followed pull as the wizard shows it.
struct PullBranch: Sendable {
  var probe: DescribedProbe
  var facts: PullFacts
  var hosts: [BlobHostBranch]
  /// ok, fails, or `stopped: <why>` (PullStop's words).
  var outcome: String
  /// The finding ids that rest on the pull's probe or on its hosts' probes.
  var findings: [String]
}

/// One host layers come from, with its probes.
struct BlobHostBranch: Sendable {
  var learnt: LearntBlobHost
  var probes: [DescribedProbe]
  /// ok, fails, or `not probed`.
  var status: String
  var findings: [String]
}

extension AppState {
  var pullBranch: PullBranch? {
    guard let report,
      let (probe, facts) = report.probes.lazy.compactMap({ p in if case .pull(let f) = p.facts { (p, f) } else { nil } }
      )
      .first
    else { return nil }
    func findings(_ probes: [DescribedProbe]) -> [String] {
      let ids = Set(probes.map(\.id))
      return report.findings.filter { !ids.isDisjoint(with: $0.probeIDs) }.map(\.id.rawValue)
    }
    let hosts = report.learntBlobHosts.map { learnt in
      let probes = learnt.endpoint.map { e in report.probes.filter { $0.facts.endpoint?.label == e.label } } ?? []
      let status =
        probes.isEmpty
        ? "not probed" : (probes.contains { $0.status == .fail || $0.status == .error } ? "fails" : "ok")
      return BlobHostBranch(learnt: learnt, probes: probes, status: status, findings: findings(probes))
    }
    let outcome: String
    if let stop = facts.stop {
      outcome = "stopped: \(stop.rawValue)"
    } else {
      outcome = probe.status == .fail || hosts.contains { $0.status == "fails" } ? "fails" : "ok"
    }
    let all = [probe] + hosts.flatMap(\.probes)
    return PullBranch(probe: probe, facts: facts, hosts: hosts, outcome: outcome, findings: findings(all))
  }

  /// The pull's rows under "Pullers on this machine": the pull, and when it is open its requests and its hosts.
  func pullRows(_ pull: PullBranch) -> [TreeRow] {
    let children = pull.facts.steps.count + pull.hosts.count
    var rows = [extraRow(.pull, depth: 1, pullLabel(pull), children: children)]
    guard diagnosis.expanded.contains(.extra(.pull)) else { return rows }
    for (i, step) in pull.facts.steps.enumerated() {
      rows.append(extraRow(.pullStep(i), depth: 2, shownText(stepLabel(step, pull.facts), keepNewlines: false)))
    }
    for (i, host) in pull.hosts.enumerated() {
      rows.append(extraRow(.blobHost(i), depth: 2, blobHostLabel(host)))
    }
    return rows
  }

  func pullLabel(_ pull: PullBranch) -> String {
    "\(UIText.pullNode(language, shownText(pull.facts.image.text, keepNewlines: false), pullerName(pull.facts))): "
      + pull.outcome
  }

  func pullerName(_ f: PullFacts) -> String {
    switch f.puller {
    case .docker: return "Docker daemon"
    case .containerd: return "containerd"
    case .podman, .crio, .pastedError: return f.puller?.rawValue ?? ""
    case nil: return UIText.pullShellPath(language)
    }
  }

  /// `manifest → 200`, `blob → 307 contoso.blob.core.windows.net`, `token: connect: connection refused`.
  func stepLabel(_ s: PullStep, _ f: PullFacts) -> String {
    guard let code = s.statusCode else { return "\(s.kind.rawValue): \(s.failure ?? "no answer")" }
    let redirect = s.kind == .blob ? f.blobHost.map { " \($0.hostPort)" } ?? "" : ""
    return "\(s.kind.rawValue) → \(code)\(redirect)"
  }

  func blobHostLabel(_ h: BlobHostBranch) -> String {
    "\(UIText.layersFrom(language)) \(shownText(h.learnt.host, keepNewlines: false)): \(h.status)"
  }

  func writePull(into out: inout PaneWriter) {
    guard let pull = pullBranch else { return }
    let f = pull.facts
    out.title(pullLabel(pull))
    out.paragraph(shownText(pull.probe.summary, keepNewlines: false))
    out.heading(UIText.pullWhose(language))
    out.paragraph("puller: \(pullerName(f))")
    out.paragraph("proxy: \(shownText(f.path.text, keepNewlines: false))")
    if let whose = f.pullerPath { out.paragraph("as pulled by: \(shownText(whose, keepNewlines: false))") }
    // The rest of the pull's evidence: credentials, each request, each redirect (what the section above shows is
    // left out).
    let shown: Set<String> = ["image", "path", "as pulled by"]
    out.heading(UIText.evidence(language))
    for detail in pull.probe.details where !shown.contains(detail.key) {
      out.item(shownText("\(detail.key): \(detail.value)", keepNewlines: false))
    }
    out.paragraph("\(UIText.phases(language)): \(compactMs(pull.probe.durationMs))", style: .dim)
    out.items(UIText.layersComeFrom(language), pull.hosts.map { blobHostLine($0) })
    out.items(UIText.pullerFindings(language), pull.findings)
  }

  private func blobHostLine(_ h: BlobHostBranch) -> String {
    "\(shownText(h.learnt.host, keepNewlines: false)) (\(h.learnt.learntFrom.rawValue)): \(h.status)"
  }

  func writePullStep(_ index: Int, into out: inout PaneWriter) {
    guard let pull = pullBranch, pull.facts.steps.indices.contains(index) else { return }
    let f = pull.facts
    let s = f.steps[index]
    out.title(shownText("\(s.kind.rawValue) GET \(s.host)\(s.path)", keepNewlines: false))
    if let code = s.statusCode {
      out.paragraph("answer: \(code)")
    } else {
      out.paragraph(shownText("no answer: \(s.failure ?? "none came")", keepNewlines: false))
    }
    out.paragraph("\(UIText.phases(language)): \(compactMs(s.ms))", style: .dim)
    if s.kind == .blob {
      for (i, r) in f.redirects.enumerated() {
        out.paragraph(shownText("redirect \(i + 1): \(r.scheme)://\(r.hostPort)\(r.path)", keepNewlines: false))
      }
      if let host = f.blobHost {
        out.paragraph(shownText("\(UIText.layersFrom(language)) \(host.hostPort)", keepNewlines: false))
      } else if f.servedByRegistry {
        out.paragraph(UIText.servedByRegistry(language))
      }
    }
    if index == f.steps.count - 1, let stop = f.stop {
      out.paragraph(shownText("stopped: \(stop.rawValue)\(f.stopDetail.map { ": \($0)" } ?? "")", keepNewlines: false))
    }
    out.paragraph("")
    out.paragraph(UIText.pullStepHint(language), style: .dim)
  }

  func writeBlobHost(_ index: Int, into out: inout PaneWriter) {
    guard let pull = pullBranch, pull.hosts.indices.contains(index) else { return }
    let h = pull.hosts[index]
    out.title(blobHostLabel(h))
    out.paragraph("learnt from: \(h.learnt.learntFrom.rawValue)")
    if h.probes.isEmpty { out.paragraph(UIText.hostNotProbed(language), style: .dim) }
    if !h.probes.isEmpty { out.heading(UIText.probesItRestsOn(language)) }
    for probe in h.probes { writeProbe(probe, into: &out) }
    out.items(UIText.pullerFindings(language), h.findings)
  }
}

extension UIText {
  static func pullNode(_ l: Language, _ image: String, _ puller: String) -> String {
    l == .ja ? "\(image) のプル (\(puller))" : "Pull \(image) (\(puller))"
  }
  static let pullShellPath = T(en: "the shell's path", ja: "シェルの経路")
  static let pullWhose = T(en: "Whose path it took", ja: "たどった経路")
  static let layersFrom = T(en: "layers from", ja: "レイヤー取得元")
  static let layersComeFrom = T(en: "Layers come from", ja: "レイヤーの取得元")
  static let servedByRegistry = T(en: "layers come from the login server itself", ja: "レイヤーはログイン サーバー自身から取得されます")
  static let hostNotProbed = T(
    en: "Not probed: a plain-http host, or one already probed under another role.",
    ja: "検査していません: 平文 http のホスト、または別の役割で検査済みのホストです。")
  static let pullStepHint = T(
    en: "One request of the pull, as the puller makes it; no token or signed query is kept.",
    ja: "プル実行元が行うプルの要求の 1 つです。トークンや署名付きクエリは保持しません。")
}
