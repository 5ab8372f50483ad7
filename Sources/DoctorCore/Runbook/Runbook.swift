// The runbook's public face: look-ups by id and the filling of command templates.
// The texts themselves live in RunbookSymptoms.swift, RunbookCauses.swift, RunbookFurtherDiagnosis.swift and,
// for each finding, its own file under Findings/ (registered in Findings.all; a test proves every id has one).

public enum Runbook {
  /// The names the runbook's templates may use as `{name}` (`TemplateVariable`s; explain's own are not among them).
  public static let placeholderNames: Set<String> = Set(
    TemplateVariable.allCases.filter(\.inRunbook).map(\.rawValue))

  /// S1…S11 in the article's order.
  public static let symptoms: [SymptomSpec] = SymptomID.allCases.map(symptom)

  /// Every cause in `CauseID` order: C1…C4, then registry-auth and none.
  public static let causes: [CauseSpec] = CauseID.allCases.map(cause)

  public static func symptom(_ id: SymptomID) -> SymptomSpec {
    switch id {
    case .s1: return SymptomTexts.s1
    case .s2: return SymptomTexts.s2
    case .s3: return SymptomTexts.s3
    case .s4: return SymptomTexts.s4
    case .s5: return SymptomTexts.s5
    case .s6: return SymptomTexts.s6
    case .s7: return SymptomTexts.s7
    case .s8: return SymptomTexts.s8
    case .s9: return SymptomTexts.s9
    case .s10: return SymptomTexts.s10
    case .s11: return SymptomTexts.s11
    }
  }

  public static func cause(_ id: CauseID) -> CauseSpec {
    switch id {
    case .clientFirewallOrProxy: return CauseTexts.clientFirewallOrProxy
    case .registryPublicAccessRules: return CauseTexts.registryPublicAccessRules
    case .vnetPrivateEndpointConfig: return CauseTexts.vnetPrivateEndpointConfig
    case .serviceIntegrationRestricted: return CauseTexts.serviceIntegrationRestricted
    case .registryAuth: return CauseTexts.registryAuth
    case .registryService: return CauseTexts.registryService
    case .none: return CauseTexts.none
    }
  }

  public static func finding(_ id: FindingID) -> FindingSpec { Findings.spec(id) }

  /// The findings that belong to a cause, in `FindingID` order.
  public static func findings(of cause: CauseID) -> [FindingSpec] {
    FindingID.allCases.map(finding).filter { $0.cause == cause }
  }

  /// Replaces every `{name}` in the template by its value. Nil when a placeholder has no value (missing or empty),
  /// so a command is never shown half-filled. One pass: a value that itself contains `{x}` is not expanded again.
  /// The one filler of every command: callers hand it values through `shellSafe` (directly or by `fillCommands`,
  /// `remedies`, `checks`).
  public static func fill(_ template: String, _ vars: [TemplateVariable: String]) -> String? {
    var output = ""
    for piece in TemplatePiece.split(template) {
      switch piece {
      case .literal(let text):
        output += text
      case .placeholder(let name):
        guard let value = TemplateVariable(rawValue: name).flatMap({ vars.value(of: $0) }), !value.isEmpty else {
          return nil
        }
        output += value
      }
    }
    return output
  }

  /// A finding's remedies for this registry, in the chosen language, ranked as the runbook lists them.
  /// Commands whose placeholder lacks a value, or whose value could change the meaning of a shell line, are dropped.
  /// Titles and steps never disappear: a placeholder there without a value reads as `<name>`.
  public static func remedies(for id: FindingID, vars: [TemplateVariable: String], language: Language)
    -> [Remedy]
  {
    remedies(from: finding(id).remedies, vars: vars, language: language)
  }

  /// The same filling for any list of remedy specs (further diagnosis, symptom advice).
  public static func remedies(from specs: [RemedySpec], vars: [TemplateVariable: String], language: Language)
    -> [Remedy]
  {
    let safeVars = shellSafe(vars)
    return specs.map { spec in
      Remedy(
        title: fillForReading(spec.title(language), vars: safeVars),
        steps: fillForReading(spec.steps(language), vars: safeVars),
        commands: spec.commands.compactMap { fill($0, safeVars) },
        changesSomething: spec.changesSomething
      )
    }
  }

  /// A cause's manual checks, filled; checks whose placeholder lacks a (shell-safe) value are dropped.
  public static func checks(of cause: CauseID, vars: [TemplateVariable: String]) -> [String] {
    fillCommands(Runbook.cause(cause).checks, vars: vars)
  }

  /// The placeholder names a template uses, in order of appearance (duplicates kept).
  public static func placeholders(in template: String) -> [String] {
    TemplatePiece.split(template).compactMap { piece in
      if case .placeholder(let name) = piece { return name }
      return nil
    }
  }

  /// Prose keeps every word: a missing value becomes `<name>`, which reads as "fill this in".
  public static func fillForReading(_ text: String, vars: [TemplateVariable: String]) -> String {
    TemplatePiece.split(text).map { piece in
      switch piece {
      case .literal(let text): return text
      case .placeholder(let name):
        return TemplateVariable(rawValue: name).flatMap { vars.value(of: $0) }.flatMap { $0.isEmpty ? nil : $0 }
          ?? "<\(name)>"
      }
    }.joined()
  }

  /// Values come from probes and user input; only characters that cannot start a new shell word or command may
  /// reach a command line (host names, IPs, IPv6 brackets, redacted proxy URLs with `***`).
  static func isShellSafe(_ value: String) -> Bool {
    value.unicodeScalars.allSatisfy { scalar in
      switch scalar {
      case "a"..."z", "A"..."Z", "0"..."9": return true
      case ".", "-", "_", ":", "/", "@", "*", "%", "[", "]", "+", "=", ",": return true
      default: return false
      }
    }
  }
}

/// A template split into literal text and `{name}` placeholders. Only `{` + identifier + `}` counts, so JSON
/// (`{"proxies": …}`) and Go templates (`{{.HTTPSProxy}}`) in commands stay literal.
enum TemplatePiece: Equatable {
  case literal(String)
  case placeholder(String)

  static func split(_ template: String) -> [TemplatePiece] {
    var pieces: [TemplatePiece] = []
    var literal = ""
    var rest = template[...]
    while let open = rest.firstIndex(of: "{") {
      literal += rest[..<open]
      let afterOpen = rest.index(after: open)
      if let close = rest[afterOpen...].firstIndex(of: "}"), isIdentifier(rest[afterOpen..<close]) {
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        literal = ""
        pieces.append(.placeholder(String(rest[afterOpen..<close])))
        rest = rest[rest.index(after: close)...]
      } else {
        literal += "{"
        rest = rest[afterOpen...]
      }
    }
    literal += rest
    if !literal.isEmpty { pieces.append(.literal(literal)) }
    return pieces
  }

  private static func isIdentifier(_ text: Substring) -> Bool {
    guard let first = text.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else {
      return false
    }
    return text.unicodeScalars.allSatisfy {
      $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
    }
  }
}
