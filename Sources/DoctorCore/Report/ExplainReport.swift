import FoundationEssentials

// `regdoctor explain`: what a pasted error says, with no probe run — the symptoms, the facts, the findings it
// points at (the runbook's ids, titles and causes) and what to run next. The same facts go into a diagnose report
// as `errorFacts` when `--error` is given.

public enum ExplainReport {
  /// What to run next: the diagnosis with the error, then commands aimed at the facts, then the causes' checks.
  public static func nextCommands(_ e: ErrorExplanation, input: String) -> [String] {
    let vars = Runbook.shellSafe(templateVars(e.facts))
    let target = vars[.registry] ?? vars[.loginServer] ?? "REGISTRY"
    // A blob host is not the registry: it is probed as an extra data endpoint of the registry the user names.
    let blob = vars[.blobHost].map { " --data-endpoint \($0)" } ?? ""
    var out = ["regdoctor diagnose \(target)\(blob) --error \(shellQuoted(firstLine(input)))"]
    var aimed: [String] = []
    if vars[.proxy] != nil, vars[.host] != nil {
      aimed.append("curl -sv --max-time 10 -x http://{proxy} https://{host}/v2/ -o /dev/null")
    }
    if vars[.resolverIP] != nil, vars[.host] != nil { aimed.append("dig @{resolverIP} {host}") }
    if vars[.blobHost] != nil { aimed.append("curl -sv --max-time 10 https://{blobHost}/ -o /dev/null") }
    if vars[.address] != nil, vars[.port] != nil, vars[.proxy] == nil {
      aimed.append("nc -vz -w 5 {address} {port}")
    }
    // The findings' causes; without a known finding, the causes the article ties the symptoms to.
    let findingCauses = e.knownFindings.map { Runbook.finding($0).cause }
    let causes = findingCauses.isEmpty ? e.symptoms.flatMap { Runbook.symptom($0).likelyCauses } : findingCauses
    for template in aimed { if let c = Runbook.fill(template, vars) { out.append(c) } }
    for cause in unique(causes) { out += Runbook.checks(of: cause, vars: vars) }
    return unique(out)
  }

  public static func text(_ e: ErrorExplanation, input: String, language l: Language) -> String {
    var out: [String] = []
    out.append(
      t(
        l, "regdoctor explain — what the error says (nothing was probed)",
        "regdoctor explain — エラーが示すこと (検査は実行していません)"))
    out.append("\(t(l, "Error", "エラー")): \(ErrorText.displaySafe(firstLine(input), limit: 300))")
    out.append("")
    guard e.understood else {
      out.append(notUnderstood(l))
      return out.joined(separator: "\n") + "\n"
    }
    out.append(t(l, "Recognized", "認識したもの") + ": " + e.families.map(\.rawValue).joined(separator: ", "))
    if e.onlyRenderings { out.append("  " + renderingNote(l)) }
    out.append("")
    out.append(t(l, "Symptoms", "症状"))
    if e.symptoms.isEmpty { out.append("  " + t(l, "none of S1…S11", "S1…S11 のいずれでもない")) }
    for s in e.symptoms {
      out.append("  \(s.rawValue.padded(toLength: 4)) \(Runbook.symptom(s).title(l))")
    }
    if !e.facts.isEmpty {
      out.append("")
      out.append(t(l, "Facts read from the error", "エラーから読み取った事実"))
      for (key, value) in e.facts.pairs {
        out.append("  \(key.padded(toLength: 9)) \(value)")
      }
    }
    if !e.findingIDs.isEmpty {
      out.append("")
      out.append(t(l, "Likely findings", "考えられる所見"))
      for id in e.findingIDs {
        guard let known = FindingID(rawValue: id) else {
          out.append("  - \(id)")
          continue
        }
        let spec = Runbook.finding(known)
        out.append("  - \(id)  \(spec.cause.label)")
        out.append("    \(reading(spec.title(l), e))")
        out.append("    \(reading(spec.why(l), e))")
      }
    }
    out.append("")
    out.append(t(l, "Next", "次に実行するコマンド"))
    for c in nextCommands(e, input: input) { out.append("  $ \(c)") }
    return out.joined(separator: "\n") + "\n"
  }

  public static func markdown(_ e: ErrorExplanation, input: String, language l: Language) -> String {
    var out = ["# regdoctor explain", ""]
    out.append("```text")
    out.append(ErrorText.displaySafe(firstLine(input), limit: 300).replacingLiteral("```", with: "'''"))
    out.append("```")
    out.append("")
    guard e.understood else { return (out + [notUnderstood(l)]).joined(separator: "\n") + "\n" }
    out.append("- **\(t(l, "Recognized", "認識したもの"))**: \(e.families.map(\.rawValue).joined(separator: ", "))")
    let symptoms = e.symptoms.isEmpty ? "—" : e.symptoms.map(\.rawValue).joined(separator: ", ")
    out.append("- **\(t(l, "Symptoms", "症状"))**: \(symptoms)")
    if e.onlyRenderings { out.append("- \(renderingNote(l))") }
    if !e.facts.isEmpty {
      out += ["", "## \(t(l, "Facts read from the error", "エラーから読み取った事実"))", ""]
      out += ["| | |", "|---|---|"]
      for (key, value) in e.facts.pairs {
        out.append("| \(key) | `\(value.replacingLiteral("`", with: "'"))` |")
      }
    }
    if !e.findingIDs.isEmpty {
      out += ["", "## \(t(l, "Likely findings", "考えられる所見"))", ""]
      for id in e.findingIDs {
        if let known = FindingID(rawValue: id) {
          let spec = Runbook.finding(known)
          out.append("- `\(id)` (\(spec.cause.label)): \(reading(spec.title(l), e)). \(reading(spec.why(l), e))")
        } else {
          out.append("- `\(id)`")
        }
      }
    }
    out += ["", "## \(t(l, "Next", "次に実行するコマンド"))", "", "```sh"]
    out += nextCommands(e, input: input)
    out.append("```")
    return out.joined(separator: "\n") + "\n"
  }

  public static func json(_ e: ErrorExplanation, input: String) -> String {
    JSONValue.object([
      ("schema", .int(1)),
      ("input", .string(ErrorText.displaySafe(firstLine(input), limit: 300))),
      ("understood", .bool(e.understood)),
      ("errorFacts", errorFacts(e)),
      (
        "findings",
        .array(
          e.findingIDs.map { id in
            guard let known = FindingID(rawValue: id) else { return .object([("id", .string(id))]) }
            let spec = Runbook.finding(known)
            return .object([
              ("id", .string(id)), ("cause", .string(spec.cause.rawValue)),
              ("title", .string(reading(spec.title(.en), e))), ("why", .string(reading(spec.why(.en), e))),
            ])
          })
      ),
      ("next", .array(nextCommands(e, input: input).map { .string($0) })),
    ]).serialized() + "\n"
  }

  /// The JSON report's `errorFacts`: the families and symptoms the text matched, the findings it points at, and
  /// every fact read (host, address, port, proxy, resolver, phase, clientIP, status, x509, blobHost).
  static func errorFacts(_ e: ErrorExplanation) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("families", .array(e.families.map { .string($0.rawValue) })),
      ("symptoms", .array(e.symptoms.map { .string($0.rawValue) })),
      ("findings", .array(e.findingIDs.map { .string($0) })),
    ]
    for (key, value) in e.facts.pairs {
      if key == "port" || key == "status", let n = Int(value) {
        pairs.append((key, .int(n)))
      } else {
        pairs.append((key, .string(value)))
      }
    }
    return .object(pairs)
  }

  /// Evidence lines for a diagnose report: `error text: proxy 127.0.0.1:8080`, one a fact.
  public static func evidenceLines(_ e: ErrorExplanation, language l: Language) -> [String] {
    let label = t(l, "error text", "エラー文")
    var out = e.facts.pairs.map { "\(label): \($0.key) \($0.value)" }
    if !e.findingIDs.isEmpty {
      out.append("\(label): \(t(l, "points at", "示唆")) \(e.findingIDs.joined(separator: ", "))")
    }
    return out
  }

  // MARK: helpers

  static func templateVars(_ f: ErrorFacts) -> [TemplateVariable: String] {
    var v: [TemplateVariable: String] = [:]
    if let host = f.host, host != f.blobHost,
      let target = try? RegistryTarget.parse(host, regions: [], dataEndpoints: [])
    {
      v[.loginServer] = target.loginServer
      v[.host] = target.loginServer
      if let name = target.acrName { v[.registry] = name }
    }
    if let proxy = f.proxy { v[.proxy] = proxy }
    if let resolver = f.resolver, let colon = resolver.lastIndex(of: ":") {
      v[.resolverIP] = String(resolver[..<colon]).trimming(charactersIn: "[]")
    }
    if let blob = f.blobHost, (try? RegistryTarget.parse(blob, regions: [], dataEndpoints: [])) != nil {
      v[.blobHost] = blob
    }
    if let address = f.address { v[.address] = address }
    if let ip = f.clientIP { v[.clientIP] = ip }
    if let port = f.port { v[.port] = String(port) }
    return v
  }

  /// A runbook text with the facts filled in where it names them (`{proxy}`), `<name>` where the error did not say.
  private static func reading(_ text: String, _ e: ErrorExplanation) -> String {
    Runbook.fillForReading(text, vars: Runbook.shellSafe(templateVars(e.facts)))
  }

  static func firstLine(_ input: String) -> String {
    let trimmed = input.trimmingWhitespace
    let line = trimmed.split(whereSeparator: \.isNewline).first.map(String.init) ?? trimmed
    return String(line.prefix(1000))
  }

  /// Single-quoted for a POSIX shell, the text made displaySafe first (no secret, no control character).
  static func shellQuoted(_ text: String) -> String {
    "'" + ErrorText.displaySafe(text, limit: 300).replacingLiteral("'", with: "'\\''") + "'"
  }

  private static func unique<T: Hashable>(_ items: [T]) -> [T] {
    var seen = Set<T>()
    return items.filter { seen.insert($0).inserted }
  }

  private static func notUnderstood(_ l: Language) -> String {
    t(
      l,
      "Nothing in this text matches a known registry or network error. Paste the whole error line, or run "
        + "'regdoctor diagnose REGISTRY' to probe.",
      "このテキストは既知のレジストリ/ネットワーク エラーに一致しません。エラー行全体を貼り付けるか、"
        + "'regdoctor diagnose REGISTRY' で検査してください。")
  }

  private static func renderingNote(_ l: Language) -> String {
    t(
      l, "matched only a known Japanese rendering of the message, not a line seen in the field",
      "既知の日本語訳のパターンにのみ一致しました (実際に報告された行ではありません)")
  }
}
