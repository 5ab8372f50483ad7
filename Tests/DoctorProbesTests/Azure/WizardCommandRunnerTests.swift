import DoctorCore
import XCTest

@testable import DoctorProbes

/// The runner behind the wizard's `.runCommand` effect: a real, harmless command, no shell, bounded in time.
final class WizardCommandRunnerTests: XCTestCase {
  let env = ["PATH": "/usr/bin:/bin"]

  func testRunsARealCommandAndCapturesItsOutput() {
    let outcome = WizardCommandRunner.run(
      argv: ["/bin/echo", "hello", "a | b; c"], environment: env, timeoutSeconds: 30)
    XCTAssertEqual(outcome.exitCode, 0)
    XCTAssertEqual(outcome.output, "hello a | b; c\n", "arguments reach the command as they are: no shell")
  }

  func testFindsABareNameOnPATHAndKeepsTheExitCode() {
    let outcome = WizardCommandRunner.run(argv: ["false"], environment: env, timeoutSeconds: 30)
    XCTAssertEqual(outcome.exitCode, 1)
  }

  func testStderrIsShownAndSecretsAreRedacted() {
    let outcome = WizardCommandRunner.run(
      argv: ["/bin/sh", "-c", "echo out; echo 'proxy http://alice:hunter2@proxy:3128' >&2; exit 3"],
      environment: env, timeoutSeconds: 30)
    XCTAssertEqual(outcome.exitCode, 3)
    XCTAssertTrue(outcome.output.hasPrefix("out\n"), outcome.output)
    XCTAssertTrue(outcome.output.contains("http://alice:***@proxy:3128"), outcome.output)
    XCTAssertFalse(outcome.output.contains("hunter2"))
  }

  func testAHangingCommandIsStopped() {
    let outcome = WizardCommandRunner.run(argv: ["/bin/sleep", "30"], environment: env, timeoutSeconds: 0.2)
    XCTAssertNil(outcome.exitCode)
    XCTAssertTrue(outcome.output.contains("stopped"), outcome.output)
  }

  func testAMissingCommandIsAMessage() {
    let outcome = WizardCommandRunner.run(
      argv: ["no-such-command-regdoctor"], environment: env, timeoutSeconds: 30)
    XCTAssertNil(outcome.exitCode)
    XCTAssertTrue(outcome.output.contains("not found"), outcome.output)
    XCTAssertNil(WizardCommandRunner.run(argv: [], environment: env, timeoutSeconds: 1).exitCode)
  }
}
