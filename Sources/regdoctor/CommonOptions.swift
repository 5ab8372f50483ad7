import ArgumentParser
import DoctorCore
import DoctorProbes
import Foundation

/// Options shared by the wizard and `diagnose` (names fixed by CONTRACT.md).
struct CommonOptions: ParsableArguments {
  @Option(
    name: .customLong("symptom"),
    help: ArgumentHelp("Preselect a symptom (S1…S11, repeatable). See 'regdoctor symptoms'.", valueName: "ID"))
  var symptoms: [String] = []

  @Option(
    name: .customLong("error"), help: ArgumentHelp("An error message you saw; matched to symptoms.", valueName: "TEXT"))
  var errorText: String?

  @Option(
    name: .customLong("region"),
    help: ArgumentHelp(
      "Probe the data endpoint <name>.<R>.data.azurecr.io of that replica (repeatable).", valueName: "R"))
  var regions: [String] = []

  @Option(
    name: .customLong("data-endpoint"),
    help: ArgumentHelp("Probe an extra data endpoint host (repeatable).", valueName: "HOST"))
  var dataEndpoints: [String] = []

  @Option(help: ArgumentHelp("Bound of the whole diagnosis, in seconds.", valueName: "SECONDS"))
  var timeout: Double = 5

  @Option(help: ArgumentHelp("Report format for diagnose: text, markdown or json.", valueName: "FORMAT"))
  var format: ReportFormat = .text

  @Option(help: ArgumentHelp("Write the report to FILE (mode 0600) instead of standard output.", valueName: "FILE"))
  var output: String?

  @Option(
    name: .customLong("lang"),
    help: ArgumentHelp("Language of titles and advice: en or ja (default from LANG).", valueName: "LANG"))
  var language: Language?

  @Flag(name: .customLong("no-az"), help: "Never call the Azure CLI.")
  var noAzureCLI = false

  @Flag(
    name: .customLong("no-early-stop"),
    help: "Wait for every probe, even once what is still running can no longer change the conclusion.")
  var noEarlyStop = false

  func validate() throws {
    guard timeout.isFinite, timeout > 0, timeout <= 300 else {
      throw ValidationError("--timeout must be a number of seconds between 0 and 300, not \(timeout).")
    }
    _ = try symptomIDs()
    if let output, output.isEmpty { throw ValidationError("--output needs a file name.") }
  }

  func symptomIDs() throws -> [SymptomID] {
    var ids: [SymptomID] = []
    for raw in symptoms {
      guard let id = SymptomID(rawValue: raw.uppercased()) else {
        throw ValidationError("Unknown symptom '\(redactSecrets(raw))': use S1…S11 (see 'regdoctor symptoms').")
      }
      ids.append(id)
    }
    if let errorText { ids += ErrorMatcher.symptoms(matching: errorText) }
    return Array(Set(ids)).sorted()
  }

  func resolvedLanguage(_ env: [String: String]) -> Language { language ?? Language.fromEnvironment(env) }

  /// Parses REGISTRY and the endpoint options into a request, or says clearly what is wrong (exit 2).
  func request(registry input: String, environment env: [String: String]) throws -> DiagnosisRequest {
    let registry: RegistryTarget
    do {
      registry = try RegistryTarget.parse(input, regions: regions, dataEndpoints: dataEndpoints)
    } catch {
      throw ValidationError(error.message)
    }
    for problem in ProxyEnvironment(environment: env).problems {
      FileHandle.standardError.write(Data("regdoctor: warning: \(problem)\n".utf8))
    }
    return DiagnosisRequest(
      registry: registry, symptoms: try symptomIDs(), timeout: timeout, useAzureCLI: !noAzureCLI,
      language: resolvedLanguage(env), environment: env, earlyStop: !noEarlyStop)
  }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
  case text, markdown, json
}

extension Language: ExpressibleByArgument {}
