import Dispatch
import DoctorCore
import FoundationEssentials

/// regdoctor's view of the registry's Azure side, read through the Azure CLI: network rules, private endpoints,
/// data endpoints, replicas, and whether Microsoft.ContainerRegistry is registered in the current subscription.
///
/// Read-only and non-interactive: only `show`/`list` commands, stdin from /dev/null, no shell, every call bounded
/// by the diagnosis deadline.
public enum AzureProbe {
  public static func run(registry: RegistryTarget, context: ProbeContext, azPath: String? = nil)
    -> AzureFacts
  {
    guard let name = registry.acrName else {
      return AzureFacts(
        state: .disabled,
        error:
          "\(registry.loginServer) is not an Azure Container Registry; the Azure CLI is not asked")
    }
    guard let az = azPath ?? findExecutable("az", searchPath: context.environment["PATH"]) else {
      return AzureFacts(state: .notInstalled, error: "az (the Azure CLI) was not found on PATH")
    }
    if context.isExpired {
      return AzureFacts(
        state: .timeout, error: "no time left before the deadline to ask the Azure CLI")
    }
    let outputs = runConcurrently(az: az, registryName: name, context: context)
    return AzureCLIInterpreter.facts(from: outputs, cancelled: context.cancellation.isCancelled)
  }

  /// Runs the probe and wraps its facts as the ProbeResult reports and rules read.
  public static func probe(registry: RegistryTarget, context: ProbeContext, azPath: String? = nil)
    -> ProbeResult
  {
    let start = DispatchTime.now()
    let facts = run(registry: registry, context: context, azPath: azPath)
    return probeResult(facts, registry: registry, durationMs: elapsedMs(since: start))
  }

  /// The probe only measures: its words are made where the result is shown (ProbeDescriber).
  public static func probeResult(_ facts: AzureFacts, registry: RegistryTarget, durationMs: Double)
    -> ProbeResult
  {
    ProbeResult(id: .azureRegistry, target: target(of: registry), durationMs: durationMs, facts: .azure(facts))
  }

  /// What the probe's result names as its target: the registry's ACR name.
  static func target(of registry: RegistryTarget) -> String { registry.acrName ?? registry.loginServer }

  // MARK: Running az

  /// The five calls are independent; each is bounded by the same deadline, so together they are too.
  private static func runConcurrently(az: String, registryName: String, context: ProbeContext)
    -> [AzureCLICall: CommandOutput]
  {
    let environment = AzureCLICall.environment(from: context.environment)
    let results = OutputTable()
    let group = DispatchGroup()
    for call in AzureCLICall.allCases {
      group.enter()
      // Threads of their own: each blocks for as long as az runs, which Dispatch's worker pool must not absorb.
      runBlocking("azure.\(call)") {
        let output = BoundedCommand.run(
          executable: az, arguments: call.arguments(registryName: registryName),
          environment: environment,
          deadline: context.deadline, cancellation: context.cancellation)
        results.set(call, output)
        group.leave()
      }
    }
    group.wait()
    return results.all
  }

  /// The first executable `name` in a PATH-style list. Empty entries (the current directory) are skipped on purpose.
  static func findExecutable(_ name: String, searchPath: String?) -> String? {
    guard let searchPath else { return nil }
    for dir in searchPath.split(separator: ":", omittingEmptySubsequences: true)
    where dir.hasPrefix("/") {
      let candidate = "\(dir)/\(name)"
      var isDirectory = false
      if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory),
        !isDirectory,
        FileManager.default.isExecutableFile(atPath: candidate)
      {
        return candidate
      }
    }
    return nil
  }
}

/// Results of the concurrent calls, filled from several threads.
private final class OutputTable: @unchecked Sendable {
  private let lock = ThreadLock()
  private var outputs: [AzureCLICall: CommandOutput] = [:]
  func set(_ call: AzureCLICall, _ output: CommandOutput) {
    lock.withLock { outputs[call] = output }
  }
  var all: [AzureCLICall: CommandOutput] { lock.withLock { outputs } }
}
