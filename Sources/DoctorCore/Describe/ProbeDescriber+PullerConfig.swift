// containerd, podman and CRI-O as found (`puller.containerd`, …), in words.

extension Evidence {
  /// `HTTPS_PROXY http://10.0.0.4:3128, NO_PROXY .internal` / `no proxy`.
  static func proxyVariables(_ v: ProxyVariables) -> String {
    var parts: [String] = []
    if let https = v.httpsProxy { parts.append("HTTPS_PROXY \(shownText(https, keepNewlines: false))") }
    if let http = v.httpProxy, v.httpsProxy == nil {
      parts.append("HTTP_PROXY \(shownText(http, keepNewlines: false))")
    }
    if let no = v.noProxy { parts.append("NO_PROXY \(shownText(no, keepNewlines: false))") }
    return parts.isEmpty ? "no proxy" : parts.joined(separator: ", ")
  }
}

extension ProxyVariables {
  /// `HTTPS_PROXY http://10.0.0.4:3128, NO_PROXY .internal` / `no proxy`, escaped for the screen.
  public var shown: String { Evidence.proxyVariables(self) }
}

extension ProbeDescriber {
  static func pullerConfig(_ f: PullerConfigFacts, _ l: Language) -> (ProbeStatus, String, [Detail], [PhaseTiming]) {
    var details = [Detail("found at", shownText(f.location, keepNewlines: false)), Detail("role", f.role)]
    if let pid = f.pid { details.append(Detail("process", String(pid))) }
    if let version = f.version { details.append(Detail("version", shownText(version, keepNewlines: false))) }
    if let running = f.running {
      details.append(Detail("running with", Evidence.proxyVariables(running)))
    } else if let why = f.runningUnknown {
      details.append(Detail("running with", "unknown: \(why)"))
    }
    let from = f.configuredSources.isEmpty ? "" : " (\(f.configuredSources.joined(separator: ", ")))"
    details.append(Detail("configured", Evidence.proxyVariables(f.configured) + from))
    if let hosts = f.hostsFile { details.append(Detail("registry settings", shownText(hosts, keepNewlines: false))) }
    if !f.pullHosts.isEmpty {
      details.append(
        Detail("pulls try", f.pullHosts.map { shownText($0, keepNewlines: false) }.joined(separator: ", ")))
    }
    if !f.caFiles.isEmpty { details.append(Detail("extra CAs", f.caFiles.joined(separator: ", "))) }
    if f.skipVerify { details.append(Detail("skip_verify", "true: certificates are not checked")) }
    for file in f.files where file.state != .read {
      details.append(Detail(file.path, file.state.rawValue + (file.note.map { ": \($0)" } ?? "")))
    }
    let broken = f.files.contains { $0.state == .invalid || $0.state == .unreadable }
    // "proxy no proxy from no proxy configured" said nothing three times.
    let unset = f.running == nil && f.configuredSources.isEmpty
    let proxy = Evidence.proxyVariables(f.effective)
    var summary =
      "\(f.name): \(f.role); " + (unset ? "no proxy configured" : "proxy \(proxy) from \(f.effectiveSource)")
    if f.restartNeeded {
      summary += "; its files say \(Evidence.proxyVariables(f.configured)): not restarted since"
    }
    let ja = "\(f.name): \(f.role); " + (unset ? "プロキシの設定なし" : "プロキシ \(proxy) (\(f.effectiveSource))")
    // A restart pending on a containerd that makes no pulls (Docker's) is worth a look, not a failure.
    let status: ProbeStatus =
      (f.restartNeeded && f.pulls) || f.blocked ? .fail : (broken || f.restartNeeded ? .warn : .pass)
    return (status, t(l, summary, ja), details, [])
  }
}
