import ArgumentParser
import FoundationEssentials
import NcursesTerminal

/// Terminals the wizard cannot draw on: TERM unset or empty, TERM=dumb (no cursor movement), or a TERM ncurses has
/// no terminfo entry for (a jump box without ncurses-term, say). With a registry the text report stands in, as
/// without a terminal; without one, a message says what to do (exit 2). Never a half-drawn screen or a crash.
enum TerminalFallback {
  /// Why the wizard cannot run on this terminal, or nil when it is worth trying ncurses.
  static func reason(_ env: [String: String]) -> String? {
    let term = env["TERM"] ?? ""
    if term.isEmpty { return "TERM is not set" }
    if term == "dumb" { return "TERM=dumb cannot move the cursor" }
    return nil
  }

  /// Says why on stderr and prints the text report, or refuses when there is no registry to diagnose.
  static func report(
    because reason: String, registry: String?, options: CommonOptions, environment env: [String: String]
  ) throws {
    guard let registry else {
      throw ValidationError(
        "The wizard needs a terminal it can draw on (\(reason)): set TERM (for example TERM=xterm), "
          + "or use 'regdoctor diagnose REGISTRY'.")
    }
    writeStandardError("regdoctor: \(reason): printing the text report instead of the wizard\n")
    // Plain text: no colours or progress line for a terminal whose capabilities are unknown.
    var plain = env
    plain["TERM"] = "dumb"
    try runDiagnosis(options.request(registry: registry, environment: env), options: options, environment: plain)
  }

  /// TERM as a message may quote it: printable ASCII only, at most 40 characters.
  static func printableTerm(_ env: [String: String]) -> String {
    String(
      String.UnicodeScalarView((env["TERM"] ?? "").unicodeScalars.filter { (0x21...0x7E).contains($0.value) }).prefix(
        40))
  }
}
