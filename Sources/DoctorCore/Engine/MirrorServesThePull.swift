// A Docker Hub pull the daemon makes through a registry mirror that answers never reaches registry-1.docker.io, its
// token service or its CDN: dockerd tries its daemon.json `registry-mirrors` first and stops at the first that
// serves (moby registry.lookupV2Endpoints, distribution.Pull). What fails on Docker Hub's own path then cannot break
// the pull; the exit code predicts the pull (CONTRACT.md), so those errors are reported as warnings, with the
// mirror that serves as evidence. containerd, podman and CRI-O never use dockerd's mirrors: their findings stay.

extension DiagnosisInput {
  /// The first of the Docker daemon's mirrors that answers on the daemon's own path, when the registry under
  /// diagnosis is Docker Hub (dockerd uses mirrors for nothing else).
  public var servingDockerHubMirror: (ProbeResult, PullerPathFacts)? {
    guard registry.kind == .dockerHub else { return nil }
    return pullerPaths.first { $0.1.puller == .docker && $0.1.isMirror && $0.1.notTried == nil && $0.1.answered }
  }
}

extension Diagnosis {
  /// Errors a serving mirror makes harmless become warnings saying so; the order stays errors first.
  static func servedByMirror(_ findings: [Finding], drafts: [FindingDraft], input: DiagnosisInput) -> [Finding] {
    guard let (probe, mirror) = input.servingDockerHubMirror else { return findings }
    var out = findings
    for (i, draft) in drafts.enumerated() where out[i].severity == .error && !onAnotherPullersPath(draft, input) {
      out[i].severity = .warning
      out[i].evidence.append(
        "\(probe.id): the Docker daemon pulls Docker Hub images through its mirror \(mirror.endpoint.hostPort), "
          + "which answers on its own path: this does not break the pull")
    }
    return out.enumerated().sorted { a, b in
      a.element.severity != b.element.severity ? a.element.severity < b.element.severity : a.offset < b.offset
    }.map(\.element)
  }

  /// A finding about containerd's, podman's or CRI-O's own path: a pull they make does not use dockerd's mirrors.
  static func onAnotherPullersPath(_ draft: FindingDraft, _ input: DiagnosisInput) -> Bool {
    let ids = Set(draft.probeIDs)
    return input.probes.contains { p in
      guard ids.contains(p.id) else { return false }
      switch p.facts {
      case .pullerPath(let f): return f.puller != .docker
      case .puller: return true
      default: return false
      }
    }
  }
}
