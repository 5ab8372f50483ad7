import Dispatch
import DoctorCore
import FoundationEssentials

/// Runs a command the user confirmed in the wizard (`Effect.runCommand`): no shell, stdin from /dev/null, bounded
/// in time and output by BoundedCommand, secrets redacted. The result maps one to one onto `Msg.commandFinished`.
public enum WizardCommandRunner {
  public struct Outcome: Sendable, Equatable {
    /// Nil when the command did not end by itself (time limit, cancelled, too much output, could not start).
    public var exitCode: Int32?
    /// stdout, then stderr, then a line about how it ended when it did not end by itself; redacted, capped.
    public var output: String
  }

  /// Output kept from stdout; the rest is read and dropped (and the command stopped).
  static let stdoutCap = 256 * 1024

  public static func run(
    argv: [String], environment: [String: String], timeoutSeconds: Double,
    cancellation: Cancellation = Cancellation()
  ) -> Outcome {
    guard let name = argv.first, !name.isEmpty else {
      return Outcome(exitCode: nil, output: "nothing to run")
    }
    // A bare name is looked up on PATH the way a shell would (absolute entries only).
    let executable =
      name.contains("/") ? name : AzureProbe.findExecutable(name, searchPath: environment["PATH"])
    guard let executable else {
      return Outcome(exitCode: nil, output: "\(name): not found on PATH")
    }
    let result = BoundedCommand.run(
      executable: executable, arguments: Array(argv.dropFirst()), environment: environment,
      deadline: .now() + timeoutSeconds, cancellation: cancellation, stdoutCap: stdoutCap)
    var output = String(decoding: result.stdout, as: UTF8.self)
    if !result.stderr.isEmpty {
      if !output.isEmpty, !output.hasSuffix("\n") { output += "\n" }
      output += result.stderr
    }
    let exitCode: Int32?
    switch result.ending {
    case .exited(let code):
      exitCode = code
    case .timedOut:
      exitCode = nil
      output += "\n[stopped: no end within \(Int(timeoutSeconds)) s, or cancelled]"
    case .outputTooLarge:
      exitCode = nil
      output += "\n[stopped: more than \(stdoutCap / 1024) KiB of output]"
    case .launchFailed(let why):
      exitCode = nil
      output += why
    }
    return Outcome(exitCode: exitCode, output: redactSecrets(output))
  }
}
