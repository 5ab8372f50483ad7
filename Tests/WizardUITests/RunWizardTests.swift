import DoctorCore
import Foundation
import Glibc
import WizardUI
import XCTest

@testable import NcursesTerminal

/// The whole loop for real on a pseudo terminal: keys typed into the pty, probe events posted to the inbox by the
/// effect handler, export results coming back, the terminal restored at the end.
final class RunWizardTests: XCTestCase {
  func testAFullSessionThroughThePseudoTerminal() throws {
    NcursesTerminal.prepareLocale()
    let pty = try PseudoTerminal(columns: 100, rows: 30)
    let terminal = NcursesTerminal(
      options: .init(termType: "xterm-256color", inputPath: pty.slavePath, outputPath: pty.slavePath))
    let inbox = WizardInbox()
    let script = Thread {
      // Each step waits for what the screen shows, then types; Ctrl-C ends the session if a step never comes.
      // The texts are ones that land on rows that were blank or wholly different, since only changes are sent.
      let steps: [(String, String)] = [
        ("Which registry", "\r"), ("S11", " \r"), ("A firewall drops", "\r"), ("Causes", "xj"), ("Save to", "\r"),
        ("Report saved to", "q"),
      ]
      for (text, keys) in steps {
        guard pty.waitForOutput(containing: text) else {
          pty.write("\u{03}")
          return
        }
        pty.write(keys)
      }
    }
    var effects: [Effect] = []
    var state = AppState(config: Fixtures.config(.en), registry: "contoso", regions: ["japaneast"])
    state.size = Size(width: 1, height: 1)  // runWizard takes the terminal's size
    script.start()
    let outcome = try runWizard(state: state, terminal: terminal, inbox: inbox) { effect in
      effects.append(effect)
      switch effect {
      case .startDiagnosis(let request):
        for probe in Fixtures.probes { inbox.post(.probeFinished(run: request.run, probe)) }
        inbox.post(.reportReady(run: request.run, Fixtures.report))
      case .export(let job):
        inbox.post(.exportFinished(.success("/tmp/\(job.path)")))
      default: break
      }
    }
    XCTAssertFalse(terminal.isRunning, "the terminal is restored")
    XCTAssertNil(outcome.signal)
    XCTAssertTrue(outcome.state.finished)
    XCTAssertEqual(outcome.state.screen, .diagnosis)
    XCTAssertEqual(outcome.state.size, Size(width: 100, height: 30))
    XCTAssertEqual(outcome.state.symptoms.selected, [.s1])
    XCTAssertEqual(effects.compactMap(\.request).map(\.symptoms), [[.s1]])
    XCTAssertTrue(
      effects.contains(
        .export(ExportJob(format: .json, path: "regdoctor-contoso-20261118-110640.json", report: Fixtures.report))))
    XCTAssertFalse(effects.contains(.quit), ".quit ends the loop; it is not handed out")
  }

  func testSIGTERMEndsTheWizardAndRestoresTheTerminal() throws {
    NcursesTerminal.prepareLocale()
    let pty = try PseudoTerminal(columns: 80, rows: 24)
    let terminal = NcursesTerminal(
      options: .init(termType: "xterm-256color", inputPath: pty.slavePath, outputPath: pty.slavePath))
    let killer = Thread {
      if !pty.waitForOutput(containing: "Which registry") { pty.write("\u{03}") }
      kill(getpid(), SIGTERM)
    }
    killer.start()
    let outcome = try runWizard(state: AppState(config: Fixtures.config(.en)), terminal: terminal) { _ in }
    XCTAssertEqual(outcome.signal, SIGTERM)
    XCTAssertFalse(terminal.isRunning)
  }
}
