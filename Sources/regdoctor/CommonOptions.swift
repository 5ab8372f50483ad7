import ArgumentParser
import DoctorCore
import DoctorProbes
import FoundationEssentials

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

  @Option(
    name: .customLong("image"),
    help: ArgumentHelp(
      "Follow a real pull of this image (token, manifest, first blob request): probe every host it touches.",
      valueName: "REPO[:TAG]"))
  var image: String?

  // `.unconditional`: `--timeout -1` is a value (refused by validate with a clear message), not a missing one.
  @Option(
    name: .customLong("timeout"), parsing: .unconditional,
    help: ArgumentHelp("Bound of the whole diagnosis, in seconds.", valueName: "SECONDS"))
  var timeoutSeconds: Seconds = Seconds(5)
  var timeout: Double { timeoutSeconds.value }

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
      throw ValidationError(
        "--timeout must be a number of seconds between 0 and 300, not \(timeoutSeconds.defaultValueDescription).")
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
    var registry: RegistryTarget
    do {
      registry = try RegistryTarget.parse(input, regions: regions, dataEndpoints: dataEndpoints)
    } catch {
      throw ValidationError(error.message)
    }
    // The host the pasted error fetched a blob from is probed too, as a data endpoint (when it is a valid one).
    if let blob = errorText.flatMap({ ErrorFacts.read($0).blobHost }), blob != registry.host,
      let withBlob = try? RegistryTarget.parse(input, regions: regions, dataEndpoints: dataEndpoints + [blob])
    {
      registry = withBlob
    }
    for problem in ProxyEnvironment(environment: env).problems {
      writeStandardError("regdoctor: warning: \(problem)\n")
    }
    var request = DiagnosisRequest(
      registry: registry, symptoms: try symptomIDs(), timeout: timeout, useAzureCLI: !noAzureCLI,
      language: resolvedLanguage(env), environment: env, earlyStop: !noEarlyStop)
    request.pastedError = errorText.map(ErrorFacts.read)
    if let image {
      do {
        request.image = try ImageReference.parse(image, registry: registry)
      } catch {
        throw ValidationError(error.message)
      }
    }
    return request
  }
}

/// A number of seconds as people write it: `5`, `2.5`, `-1` (refused later, with the range). Not `0x2`, `1e3`,
/// `inf` or `nan`, which Double(_:) would take.
struct Seconds: ExpressibleByArgument {
  let value: Double
  init(_ value: Double) { self.value = value }
  init?(argument: String) {
    let digits = argument.hasPrefix("-") ? argument.dropFirst() : Substring(argument)
    let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard !digits.isEmpty, digits.count <= 20, parts.count <= 2, !(parts.first ?? "").isEmpty,
      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let value = Double(argument)
    else { return nil }
    self.value = value
  }
  var defaultValueDescription: String { "\(value)" }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
  case text, markdown, json
}

extension Language: ExpressibleByArgument {}
