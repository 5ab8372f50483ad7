/// Turns a result's facts into what a person reads: its status, its one-line summary and its evidence lines.
/// Probes only measure; every word about a measurement is written here, and asked for where it is shown (a report,
/// the wizard), in that place's language.
public enum ProbeDescriber {
  /// `result` as a report or the wizard shows it, in `language`: derived once, kept beside the result.
  public static func describe(_ result: ProbeResult, in language: Language) -> DescribedProbe {
    let (status, summary, details, phases) = words(result, language)
    return DescribedProbe(result: result, status: status, summary: summary, details: details, phases: phases)
  }

  /// A probe the runner stopped waiting for: whatever it would have said cannot change the conclusion.
  public static func stopped(id: ProbeID, target: String, durationMs: Double) -> ProbeResult {
    ProbeResult(
      id: id, target: target, status: .skip, durationMs: durationMs,
      summary: LocalizedText(
        en: "stopped: not needed, the conclusion was already decided", ja: "停止: 結論が確定したため不要"),
      stoppedEarly: true)
  }

  /// What a result stated of itself, or else what its facts say.
  static func words(_ r: ProbeResult, _ l: Language) -> (ProbeStatus, String, [Detail], [PhaseTiming]) {
    if let s = r.stated { return (s.status, s.summary(l), s.details, s.phases) }
    return describe(r.facts, l)
  }

  static func describe(_ facts: ProbeFacts, _ l: Language) -> (ProbeStatus, String, [Detail], [PhaseTiming]) {
    switch facts {
    case .dns(let f): return dns(f, l)
    case .nameservers(let f): return nameservers(f, l)
    case .hostsFile(let f): return hostsFile(f, l)
    case .tcp(let f): return tcp(f, l)
    case .tls(let f): return tls(f, l)
    case .http(let f): return http(f, l)
    case .proxy(let f): return proxy(f, l)
    case .dockerDaemon(let f): return docker(f, l)
    case .pullerPath(let f): return pullerPath(f, l)
    case .resolvers(let f): return resolvers(f, l)
    case .puller(let f): return pullerConfig(f, l)
    case .azure(let f): return azure(f, l)
    case .pull(let f): return pull(f, l)
    case .none: return (.skip, t(l, "nothing measured", "測定なし"), [], [])
    }
  }

  static func dns(_ f: DNSFacts, _ l: Language) -> (ProbeStatus, String, [Detail], [PhaseTiming]) {
    var details: [Detail] = []
    let addrs = f.system.addresses.map { "\($0.ip) (\($0.addressClass.rawValue))" }.joined(separator: ", ")
    details.append(
      Detail("system (getaddrinfo)", f.system.outcome == .resolved ? addrs : Evidence.lookupFailure(f.system)))
    if !f.hostsEntries.isEmpty { details.append(Detail("/etc/hosts", f.hostsEntries.joined(separator: ", "))) }
    if let w = f.wire {
      if !w.cnames.isEmpty { details.append(Detail("cname chain", w.chainText)) }
      let wireAddrs = w.addresses.map { "\($0.address.ip) ttl=\($0.ttl)" }.joined(separator: ", ")
      details.append(Detail("wire answer", w.outcome == .resolved ? wireAddrs : w.outcome.rawValue))
      if let by = w.answeredBy { details.append(Detail("answered by", by)) }
      for a in w.attempts {
        details.append(Detail("nameserver \(a.server)", "\(a.outcome.rawValue) in \(formatMs(a.ms))"))
      }
    }
    let phases = [PhaseTiming(.namelookup, f.system.ms)]
    guard f.system.outcome == .resolved, !f.system.addresses.isEmpty else {
      let s = t(
        l, "\(f.endpoint.host) does not resolve: \(Evidence.lookupFailure(f.system))",
        "\(f.endpoint.host) を名前解決できません: \(Evidence.lookupFailure(f.system))")
      return (.fail, s, details, phases)
    }
    let classes = Set(f.system.addresses.map(\.addressClass))
    let kind = classes.count == 1 ? classes.first!.rawValue : "mixed"
    var summary = t(
      l, "\(f.endpoint.host) -> \(f.system.addresses.map(\.ip).joined(separator: ", ")) (\(kind))",
      "\(f.endpoint.host) -> \(f.system.addresses.map(\.ip).joined(separator: ", ")) (\(kind))")
    if f.viaPrivateLink { summary += " via privatelink" }
    let wireDisagrees =
      f.wire.map { w in
        w.outcome == .resolved && Set(w.addresses.map(\.address.ip)) != Set(f.system.addresses.map(\.ip))
      } ?? false
    return (wireDisagrees || !f.hostsEntries.isEmpty ? .warn : .pass, summary, details, phases)
  }

  static func nameservers(_ f: NameserverFacts, _ l: Language) -> (ProbeStatus, String, [Detail], [PhaseTiming]) {
    var details = [Detail("resolv.conf", f.resolvConf)]
    details.append(Detail("nameservers", f.nameservers.joined(separator: ", ")))
    if !f.search.isEmpty { details.append(Detail("search", f.search.joined(separator: " "))) }
    for a in f.attempts { details.append(Detail(a.server, "\(a.outcome.rawValue) in \(formatMs(a.ms))")) }
    let silent = f.silent
    if f.attempts.isEmpty {
      return (.fail, t(l, "no nameserver configured", "ネームサーバーが設定されていません"), details, [])
    }
    if silent.count == f.attempts.count {
      return (
        .fail,
        t(
          l, "no nameserver answers (\(f.nameservers.joined(separator: ", ")))",
          "どのネームサーバーも応答しません (\(f.nameservers.joined(separator: ", ")))"), details, []
      )
    }
    if !silent.isEmpty {
      return (
        .warn,
        t(
          l, "silent: \(silent.map(\.server).joined(separator: ", ")); others answer",
          "応答なし: \(silent.map(\.server).joined(separator: ", "))。他は応答"), details, []
      )
    }
    return (.pass, t(l, "\(f.attempts.count) nameserver(s) answer", "\(f.attempts.count) 台のネームサーバーが応答"), details, [])
  }

  static func hostsFile(_ f: HostsFileFacts, _ l: Language) -> (ProbeStatus, String, [Detail], [PhaseTiming]) {
    let details = f.pinned.sorted { $0.key < $1.key }.map { Detail($0.key, $0.value.joined(separator: ", ")) }
    if f.pinned.isEmpty {
      return (.pass, t(l, "no registry name pinned in \(f.path)", "\(f.path) にレジストリ名の固定はありません"), details, [])
    }
    let names = f.pinned.keys.sorted().joined(separator: ", ")
    return (.warn, t(l, "\(f.path) pins \(names)", "\(f.path) が \(names) を固定しています"), details, [])
  }

  static func tcp(_ f: TCPFacts, _ l: Language) -> (ProbeStatus, String, [Detail], [PhaseTiming]) {
    var details = [
      Detail("address", "\(f.address.ip) (\(f.address.addressClass.rawValue))"), Detail("port", "\(f.endpoint.port)"),
    ]
    if let e = f.error { details.append(Detail("error", e)) }
    let hp = hostPort(f.address.ip, f.endpoint.port)
    let phases = [PhaseTiming(.connect, f.ms)]
    switch f.outcome {
    case .connected:
      return (.pass, t(l, Evidence.tcp(f), "\(hp) に \(formatMs(f.ms)) で接続"), details, phases)
    case .refused:
      return (.fail, t(l, Evidence.tcp(f), "\(hp) が接続を拒否しました"), details, phases)
    case .timeout:
      return (
        .fail,
        t(
          l, Evidence.tcp(f),
          "\(hp) が応答しません (SYN に \(formatMs(f.ms)) 応答なし)"), details, phases
      )
    case .unreachable:
      return (
        .fail, t(l, Evidence.tcp(f), "\(hp) に到達できません (経路なし / ICMP unreachable)"),
        details, phases
      )
    case .error:
      return (.error, t(l, Evidence.tcp(f), "\(hp) 接続エラー: \(f.error ?? "?")"), details, phases)
    }
  }

  static func tls(_ f: TLSFacts, _ l: Language) -> (ProbeStatus, String, [Detail], [PhaseTiming]) {
    var details = [Detail("path", f.path.text), Detail("address", f.address)]
    if let v = f.protocolVersion { details.append(Detail("protocol", v)) }
    if let r = f.reason { details.append(Detail("reason", r)) }
    for (i, c) in f.chain.enumerated() {
      details.append(Detail("cert[\(i)] subject", c.subject))
      details.append(Detail("cert[\(i)] issuer", c.issuer))
      if !c.subjectAlternativeNames.isEmpty {
        let names = c.subjectAlternativeNames
        let more = names.count > 8 ? ", … and \(names.count - 8) more (\(names.count) names)" : ""
        details.append(Detail("cert[\(i)] SANs", names.prefix(8).joined(separator: ", ") + more))
      }
      details.append(Detail("cert[\(i)] valid", "\(c.notBefore) .. \(c.notAfter)"))
    }
    let phases = [PhaseTiming(.appconnect, f.handshakeMs)]
    let issuer = f.chain.first?.issuer ?? "?"
    switch f.outcome {
    case .verified:
      return (
        .pass,
        t(l, Evidence.tls(f), "検証成功、発行者 \(issuer)、\(formatMs(f.handshakeMs))"),
        details, phases
      )
    case .untrusted:
      return (.fail, t(l, Evidence.tls(f), "信頼されていない証明書チェーン、発行者 \(issuer)"), details, phases)
    case .nameMismatch:
      return (
        .fail, t(l, Evidence.tls(f), "証明書が \(f.endpoint.host) 用ではありません"), details, phases
      )
    case .expired:
      return (.fail, t(l, Evidence.tls(f), "証明書の有効期限切れ、または有効期間前"), details, phases)
    case .handshakeFailed:
      return (
        .fail, t(l, Evidence.tls(f), "TLS ハンドシェイク失敗: \(f.reason ?? "?")"), details, phases
      )
    case .timeout:
      return (.fail, t(l, Evidence.tls(f), "TLS ハンドシェイクが時間内に終わりません"), details, phases)
    }
  }

  static func http(_ f: HTTPFacts, _ l: Language) -> (ProbeStatus, String, [Detail], [PhaseTiming]) {
    var details = [Detail("path", f.path.text), Detail("request", "GET \(f.requestPath)")]
    if let c = f.statusCode { details.append(Detail("status", "\(c) \(f.reasonPhrase ?? "")")) }
    if let ch = f.challenge {
      details.append(Detail("www-authenticate", "\(ch.scheme) realm=\(ch.realm ?? "?") service=\(ch.service ?? "?")"))
    }
    if let e = f.errorBody { details.append(Detail("error", "\(e.code): \(e.message)")) }
    if let ip = f.errorBody?.deniedClientIP { details.append(Detail("client IP seen by registry", ip)) }
    if let b = f.bodySnippet, !b.isEmpty { details.append(Detail("body", b)) }
    let line = "GET \(f.requestPath)"
    switch f.outcome {
    case .timeout:
      return (
        .fail, t(l, Evidence.http(f), "\(line): 時間内に応答なし (ヘッダー待ち)"), details, f.phases
      )
    case .closed:
      return (.fail, t(l, Evidence.http(f), "\(line): 応答前に接続が閉じられました"), details, f.phases)
    case .malformed where f.headTooLarge:
      return (.fail, t(l, Evidence.http(f), "\(line): 応答ヘッダーが大きすぎます (64 KiB 超)"), details, f.phases)
    case .malformed:
      return (.fail, t(l, Evidence.http(f), "\(line): 応答が正しい HTTP ではありません"), details, f.phases)
    case .response:
      let code = f.statusCode ?? 0
      let text = "\(line) -> \(code) \(f.reasonPhrase ?? "")"
      if code == 401, f.challenge != nil {
        return (
          .pass,
          t(l, Evidence.http(f), "\(text)、認証チャレンジ \(f.challenge?.scheme ?? "")"),
          details, f.phases
        )
      }
      // The absent repository (AbsentRepositoryCheck.swift): any answer of the registry's own is the expected one.
      if f.asksAbsentRepository, code < 500, code != 403 { return (.pass, Evidence.http(f), details, f.phases) }
      if (200..<400).contains(code) || (code == 404 && f.endpoint.role != .loginServer) || code == 401 {
        return (.pass, Evidence.http(f), details, f.phases)
      }
      if code == 403, let ip = f.errorBody?.deniedClientIP {
        return (
          .fail, t(l, Evidence.http(f), "\(text): クライアント IP \(ip) は許可されていません"), details, f.phases
        )
      }
      return (.fail, Evidence.http(f), details, f.phases)
    }
  }

  static func proxy(_ f: ProxyFacts, _ l: Language) -> (ProbeStatus, String, [Detail], [PhaseTiming]) {
    var details = [Detail("proxy", f.proxyURL)]
    details.append(Detail("go (docker) uses", f.decision.go ?? "direct"))
    details.append(Detail("curl uses", f.decision.curl ?? "direct"))
    if let b = f.decision.bypassedBy { details.append(Detail("NO_PROXY entry", b)) }
    if let s = f.statusLine { details.append(Detail("status line", s)) }
    if let e = f.error { details.append(Detail("error", e)) }
    let phases = [PhaseTiming(.proxyconnect, f.ms)]
    let target = "CONNECT \(f.endpoint.hostPort)"
    switch f.outcome {
    case .established:
      return (
        .pass,
        t(
          l, Evidence.proxy(f),
          "\(f.proxyURL) 経由の \(target): \(f.statusLine ?? "200")"),
        details, phases
      )
    case .denied:
      return (
        .fail, t(l, Evidence.proxy(f), "\(target) が拒否されました: \(f.statusLine ?? "?")"), details,
        phases
      )
    case .closed:
      return (
        .fail, t(l, Evidence.proxy(f), "プロキシが接続を閉じました (proxyconnect tcp: EOF)"),
        details, phases
      )
    case .unreachable:
      return (.fail, t(l, Evidence.proxy(f), "プロキシ \(f.proxyURL) に到達できません"), details, phases)
    case .schemeMismatch:
      return (
        .fail,
        t(
          l, Evidence.proxy(f),
          "プロキシ URL のスキームがプロキシと一致しません (\(f.error ?? ""))"),
        details, phases
      )
    case .timeout:
      return (.fail, t(l, Evidence.proxy(f), "プロキシが時間内に CONNECT に応答しません"), details, phases)
    case .malformed:
      return (.fail, t(l, Evidence.proxy(f), "プロキシの応答が HTTP ではありません"), details, phases)
    }
  }

  static func docker(_ f: DockerDaemonFacts, _ l: Language) -> (ProbeStatus, String, [Detail], [PhaseTiming]) {
    var details = [Detail("DOCKER_HOST", f.host)]
    if let v = f.serverVersion { details.append(Detail("server version", v)) }
    if f.reachable {
      details.append(Detail("daemon HTTPS proxy", f.httpsProxy ?? "(none)"))
      details.append(Detail("daemon HTTP proxy", f.httpProxy ?? "(none)"))
      details.append(Detail("daemon NO_PROXY", f.noProxy ?? "(none)"))
      if !f.mirrors.isEmpty {
        let use =
          f.mirrorsApply
          ? "tried first for this Docker Hub pull, then registry-1.docker.io"
          : "used for Docker Hub pulls only: not for this registry, not probed"
        details.append(Detail("registry mirrors", "\(f.mirrors.joined(separator: ", ")) (\(use))"))
      }
    } else if let e = f.error {
      details.append(Detail("error", e))
    }
    for s in f.sources {
      let v =
        s.parseError.map { "does not parse: \($0)" }
        ?? "https=\(s.httpsProxy ?? "-") http=\(s.httpProxy ?? "-") no=\(s.noProxy ?? "-")"
        + (s.registryMirrors.map { " registry-mirrors=\($0.isEmpty ? "[]" : $0.joined(separator: ","))" } ?? "")
      details.append(Detail(s.path, v))
    }
    if let bad = f.sources.first(where: { $0.parseError != nil }) {
      return (.fail, t(l, "\(bad.path) does not parse", "\(bad.path) を解析できません"), details, [])
    }
    if !f.reachable, f.answeredNotDocker {
      return (
        .skip,
        t(
          l, "something answers at \(f.host), but not as the Docker Engine API",
          "\(f.host) の応答は Docker Engine API ではありません"),
        details, []
      )
    }
    guard f.reachable else {
      return (.skip, t(l, "no Docker daemon answers at \(f.host)", "\(f.host) で Docker デーモンが応答しません"), details, [])
    }
    let p = f.httpsProxy ?? t(l, "no proxy", "プロキシなし")
    return (.pass, t(l, "daemon answers; HTTPS proxy: \(p)", "デーモン応答あり。HTTPS プロキシ: \(p)"), details, [])
  }

  static func azure(_ f: AzureFacts, _ l: Language) -> (ProbeStatus, String, [Detail], [PhaseTiming]) {
    var details: [Detail] = []
    func add(_ k: String, _ v: String?) { if let v { details.append(Detail(k, v)) } }
    add("error", f.error)
    add("loginServer", f.loginServer)
    add("sku", f.sku)
    add("publicNetworkAccess", f.publicNetworkAccess?.rawValue)
    add("networkRuleSet.defaultAction", f.defaultAction?.rawValue)
    if !f.ipRules.isEmpty { add("ipRules", f.ipRules.joined(separator: ", ")) }
    add("networkRuleBypassOptions", f.networkRuleBypassOptions?.rawValue)
    add("networkRuleBypassAllowedForTasks", f.networkRuleBypassAllowedForTasks.map { String($0) })
    add("regionalEndpoints", f.regionalEndpointsStatus)
    if !f.regionalEndpoints.isEmpty { add("regionalEndpointHosts", f.regionalEndpoints.joined(separator: ", ")) }
    add("dataEndpointEnabled", f.dataEndpointEnabled.map { "\($0)" })
    if !f.dataEndpoints.isEmpty { add("dataEndpoints", f.dataEndpoints.joined(separator: ", ")) }
    if !f.replicationRegions.isEmpty { add("replications", f.replicationRegions.joined(separator: ", ")) }
    if f.state == .ok || f.state == .answeredByUser {
      add("privateEndpointConnections", "\(f.privateEndpointConnections)")
    }
    add("Microsoft.ContainerRegistry", f.providerRegistrationState?.rawValue)
    switch f.state {
    case .ok:
      let access = f.publicNetworkAccess?.rawValue ?? "?"
      return (
        .pass,
        t(
          l,
          "public access \(access), default action \(f.defaultAction?.rawValue ?? "?"), \(f.privateEndpointConnections) private endpoint(s)",
          "パブリック アクセス \(access)、既定のアクション \(f.defaultAction?.rawValue ?? "?")、プライベート エンドポイント \(f.privateEndpointConnections) 個"
        ),
        details, []
      )
    case .notInstalled:
      return (.skip, t(l, "Azure CLI (az) not installed", "Azure CLI (az) がインストールされていません"), details, [])
    case .notLoggedIn:
      return (.skip, t(l, "Azure CLI not logged in (az login)", "Azure CLI にログインしていません (az login)"), details, [])
    case .disabled:
      return (.skip, t(l, "not asked (\(f.error ?? "--no-az"))", "照会しません (\(f.error ?? "--no-az"))"), details, [])
    case .failed:
      return (.error, t(l, "az failed: \(f.error ?? "?")", "az が失敗しました: \(f.error ?? "?")"), details, [])
    case .timeout:
      return (.error, t(l, "az did not answer in time", "az が時間内に応答しません"), details, [])
    case .answeredByUser:
      let (access, action, bypass) = (
        f.publicNetworkAccess?.rawValue ?? "?", f.defaultAction?.rawValue ?? "?",
        f.networkRuleBypassOptions?.rawValue ?? "?"
      )
      return (
        .pass,
        t(
          l, "your answers: public access \(access), default action \(action), trusted services \(bypass)",
          "あなたの回答: パブリック アクセス \(access)、既定のアクション \(action)、信頼されたサービス \(bypass)"), details, []
      )
    }
  }
}
