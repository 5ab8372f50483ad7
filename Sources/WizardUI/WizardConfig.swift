import DoctorCore
import FoundationEssentials

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
  /// The runbook's advice for an Azure-side symptom (S4, S6…S10); empty for the others.
  public var symptomAdvice: @Sendable (SymptomID) -> [RemedySpec]
  /// The article's further diagnosis and advanced troubleshooting.
  public var furtherDiagnosis: [RemedySpec]
  /// Recomputes a report with the Azure probe's facts replaced (the user's answers). Pure: no I/O.
  public var rediagnose: @Sendable (_ base: Report, _ azure: AzureFacts) -> Report

  public init(
    language: Language, symptoms: [SymptomSpec], causes: [CauseSpec],
    validateRegistry: @escaping @Sendable (String, [String]) -> Result<RegistryTarget, InputError>,
    matchError: @escaping @Sendable (String) -> [SymptomID], asciiOnly: Bool = false,
    now: @escaping @Sendable () -> Date = { Date() },
    symptomAdvice: @escaping @Sendable (SymptomID) -> [RemedySpec] = { Runbook.symptomAdvice($0) },
    furtherDiagnosis: [RemedySpec] = Runbook.furtherDiagnosis,
    rediagnose: @escaping @Sendable (Report, AzureFacts) -> Report = { base, azure in
      AzureRediagnosis.report(base: base, azure: azure, proxyEnvironment: ProxyEnvironment(environment: [:]))
    }
  ) {
    self.language = language
    self.symptoms = symptoms
    self.causes = causes
    self.validateRegistry = validateRegistry
    self.matchError = matchError
    self.asciiOnly = asciiOnly
    self.now = now
    self.symptomAdvice = symptomAdvice
    self.furtherDiagnosis = furtherDiagnosis
    self.rediagnose = rediagnose
  }
}
