import DoctorCore
import Foundation

/// What the wizard is given from outside: language, the runbook's symptom and cause specs, and the parsers it
/// must not own (registry validation, error matching), injected as closures so WizardUI stays free of them.
public struct WizardConfig: Sendable {
  public var language: Language
  public var symptoms: [SymptomSpec]
  public var causes: [CauseSpec]
  /// Turns the registry field and the comma separated regions / data endpoints into a target, or says why not.
  public var validateRegistry: @Sendable (String, [String]) -> Result<RegistryTarget, InputError>
  /// The symptoms an error message points to.
  public var matchError: @Sendable (String) -> [SymptomID]
  /// Plain ASCII glyphs (spinner, status marks, arrows) for terminals without UTF-8.
  public var asciiOnly: Bool
  /// The clock, for the default export file name.
  public var now: @Sendable () -> Date

  public init(
    language: Language, symptoms: [SymptomSpec], causes: [CauseSpec],
    validateRegistry: @escaping @Sendable (String, [String]) -> Result<RegistryTarget, InputError>,
    matchError: @escaping @Sendable (String) -> [SymptomID], asciiOnly: Bool = false,
    now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.language = language
    self.symptoms = symptoms
    self.causes = causes
    self.validateRegistry = validateRegistry
    self.matchError = matchError
    self.asciiOnly = asciiOnly
    self.now = now
  }
}
