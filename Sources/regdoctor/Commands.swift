import ArgumentParser
import BuildInfo
import DoctorCore
import DoctorProbes
import FoundationEssentials
import Glibc
import NcursesTerminal

struct Regdoctor: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "regdoctor",
    abstract: "Find out why this machine cannot reach its container registry, and what to do about it.",
    discussion: """
      REGISTRY is an Azure Container Registry name (contoso), a login server (contoso.azurecr.io, .azurecr.us, \
      .azurecr.cn) or any OCI registry host[:port] (ghcr.io, registry.example.com:5000).

      Examples:
        regdoctor contoso                                  # the interactive wizard
        regdoctor diagnose contoso --region japaneast      # a text report
        regdoctor diagnose contoso --error 'proxyconnect tcp: EOF' --format json --output report.json
        regdoctor explain 'dial tcp: lookup contoso.azurecr.io: no such host'   # no probes: what the error says

      Exit codes of diagnose: 0 no problem found, 1 a problem was found, 2 usage or input error, 3 regdoctor failed.
      Honours HTTPS_PROXY, HTTP_PROXY, NO_PROXY (both spellings), DOCKER_HOST, SSL_CERT_FILE, SSL_CERT_DIR, NO_COLOR, LANG.
      """,
    version: "regdoctor \(BuildInfo.versionAndCommit)",
    subcommands: [Wizard.self, Diagnose.self, Explain.self, Symptoms.self],
    defaultSubcommand: Wizard.self
  )
}

struct Diagnose: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run every relevant probe without a UI, print a report and exit (0 ok, 1 problem, 2 input, 3 failure).")

  @Argument(help: "ACR name, login server, or registry host[:port].")
  var registry: String

  @OptionGroup var options: CommonOptions
  @OptionGroup var watch: WatchOptions

  func run() throws {
    let env = ProcessInfo.processInfo.environment
    let request = try options.request(registry: registry, environment: env)
    if watch.watch { try runWatch(request, options: options, watch: watch) }
    try runDiagnosis(request, options: options, environment: env)
  }
}

struct Wizard: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The interactive wizard (the default). Without a terminal it prints the text report instead.")

  @Argument(help: "ACR name, login server, or registry host[:port]; asked for when omitted.")
  var registry: String?

  @OptionGroup var options: CommonOptions

  func run() throws {
    let env = ProcessInfo.processInfo.environment
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      guard let registry else {
        throw ValidationError("No terminal for the wizard: name a REGISTRY, or use 'regdoctor diagnose REGISTRY'.")
      }
      try runDiagnosis(options.request(registry: registry, environment: env), options: options, environment: env)
      return
    }
    // Validate what was given before the screen changes, so a typo gets a plain message and exit 2.
    if let registry { _ = try options.request(registry: registry, environment: env) }
    if let reason = TerminalFallback.reason(env) {
      return try TerminalFallback.report(because: reason, registry: registry, options: options, environment: env)
    }
    do {
      try launchWizard(registry: registry, options: options, environment: env)
    } catch NcursesTerminal.StartError.cannotInitialize {
      // Nothing was drawn yet: ncurses found no terminfo entry for TERM.
      let reason = "no terminfo entry for TERM=\(TerminalFallback.printableTerm(env))"
      try TerminalFallback.report(because: reason, registry: registry, options: options, environment: env)
    }
  }
}

struct Symptoms: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the symptom ids (S1…S11) and the errors they stand for.")

  @Option(name: .customLong("lang"), help: "en or ja (default from LANG).")
  var language: Language?

  func run() {
    let l = language ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
    for s in Runbook.symptoms {
      print("\(s.id.rawValue.padded(toLength: 4)) \(s.title(l))")
    }
  }
}

/// `diagnose`, and the wizard's fallback without a terminal: run, print, exit with the contract's code.
func runDiagnosis(_ request: DiagnosisRequest, options: CommonOptions, environment env: [String: String]) throws {
  // Before the diagnosis, not after it: the user should not wait five seconds to learn the path is unusable.
  if let path = options.output, let refusal = ReportOutput.refusal(for: path) { throw ValidationError(refusal) }
  let knownTerminal = !(env["TERM"] ?? "").isEmpty && env["TERM"] != "dumb"
  let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1 && knownTerminal)
  var report = DoctorEngine.diagnose(request) { progress.update($0) }
  if let errorText = options.errorText { report.errorExplanation = ErrorMatcher.explain(errorText) }
  progress.clear()
  // No TERM (or dumb) says nothing about colours or cursor moves: plain text then, as for NO_COLOR.
  let color = options.output == nil && isatty(STDOUT_FILENO) == 1 && env["NO_COLOR"] == nil && knownTerminal
  let text = ReportOutput.render(report, format: options.format, color: color)
  if let path = options.output {
    try ReportOutput.write(text, to: path)
    writeStandardError("regdoctor: report written to \(path)\n")
  } else {
    writeStandardOutput(text)
  }
  throw ExitCode(report.hasError ? 1 : 0)
}
