// The followed pull (`pull.image`, `--image`), in words: each request and its answer, where layers come from.

extension Evidence {
  /// `manifest GET /v2/hello/manifests/1 -> 200 (12.3 ms)` / `token GET /oauth2/token: connect refused`.
  static func pullStep(_ s: PullStep) -> String {
    let line = "\(s.kind.rawValue) GET \(s.host)\(s.path)"
    if let code = s.statusCode { return "\(line) -> \(code) (\(formatMs(s.ms)))" }
    return "\(line): \(s.failure ?? "no answer")"
  }

  /// Where the layers come from, as the blob request showed it.
  static func pullOutcome(_ f: PullFacts) -> String {
    if let host = f.blobHost {
      let plain = host.isPlainHTTP ? " over plain http (layers unencrypted)" : ""
      return "\(f.image.text): layers come from \(host.hostPort)\(plain) (the blob request's redirect)"
    }
    if f.servedByRegistry { return "\(f.image.text): layers come from the login server itself" }
    let why = f.stopDetail.map { ": \($0)" } ?? ""
    return "\(f.image.text): the pull stopped (\(f.stop?.rawValue ?? "no answer")\(why))"
  }
}

extension ProbeDescriber {
  static func pull(_ f: PullFacts, _ l: Language) -> (ProbeStatus, String, [Detail], [PhaseTiming]) {
    var details = [Detail("image", f.image.text), Detail("path", f.path.text)]
    if let whose = f.pullerPath { details.append(Detail("as pulled by", whose)) }
    details.append(Detail("credentials", f.credentialSource.map { "from \($0) (not shown)" } ?? "anonymous"))
    if let problem = f.credentialProblem { details.append(Detail("credentials problem", problem)) }
    for (i, s) in f.steps.enumerated() { details.append(Detail("request \(i + 1)", Evidence.pullStep(s))) }
    for (i, r) in f.redirects.enumerated() {
      details.append(Detail("redirect \(i + 1)", "\(r.scheme)://\(r.hostPort)\(r.path)"))
    }
    if f.blobBytesRead > 0 { details.append(Detail("blob bytes read", "\(f.blobBytesRead) (of a range of 1024)")) }
    if let stop = f.stop { details.append(Detail("stopped", stop.rawValue + (f.stopDetail.map { ": \($0)" } ?? ""))) }
    let outcome = Evidence.pullOutcome(f)
    let summary = t(l, outcome, "イメージのプルを追跡: " + outcome)
    let status: ProbeStatus
    switch f.stop {
    case nil: status = f.blobHost?.isPlainHTTP == true ? .warn : .pass
    case .unauthorized, .notFound, .unreadableManifest, .unsupportedChallenge: status = .warn
    case .noAnswer, .serverError, .denied, .redirectLoop, .manifestTooLarge: status = .fail
    }
    return (status, summary, details, [])
  }
}
