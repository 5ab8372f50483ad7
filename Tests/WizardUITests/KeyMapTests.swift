import DoctorCore
import XCTest

@testable import WizardUI

final class KeyMapTests: XCTestCase {
  let map = KeyMap.standard

  func testTextEntryContextsBindNoPrintableKey() {
    // Otherwise typing `q` or `j` into a field would quit or move instead of typing.
    for context in KeyContext.allCases where context.isTextEntry {
      for binding in map.bindings(in: context) {
        for key in binding.keys { XCTAssertNil(key.printable, "\(key) is bound in text field context \(context)") }
      }
    }
  }

  func testEveryContextCanQuitAtOnceWithCtrlC() {
    for context in KeyContext.allCases {
      XCTAssertEqual(map.action(for: .ctrlC, in: context), .forceQuit, "\(context)")
    }
  }

  func testNoKeyIsBoundTwiceInOneContext() {
    for context in KeyContext.allCases {
      var seen: [Key: Action] = [:]
      for binding in map.bindings(in: context) {
        for key in binding.keys {
          if let earlier = seen[key], earlier != binding.action {
            XCTFail("\(key) in \(context) means both \(earlier) and \(binding.action)")
          }
          seen[key] = binding.action
        }
      }
    }
  }

  func testSameKeyMeansDifferentThingsByContext() {
    XCTAssertEqual(map.action(for: .char("j"), in: .tree), .moveDown)
    XCTAssertEqual(map.action(for: .char("j"), in: .exportFormat), .chooseJSON)
    XCTAssertNil(map.action(for: .char("j"), in: .registryForm))
    XCTAssertEqual(map.action(for: .enter, in: .tree), .activate)
    XCTAssertEqual(map.action(for: .enter, in: .symptomList), .submit)
  }

  func testEveryHelpTextExistsInBothLanguages() {
    for binding in map.bindings {
      XCTAssertFalse(binding.help.en.isEmpty)
      XCTAssertFalse(binding.help.ja.isEmpty)
      XCTAssertNotEqual(
        binding.help.en, binding.help.ja == "Markdown" || binding.help.ja == "JSON" ? "" : binding.help.ja)
    }
  }

  func testHelpBarComesFromTheTable() {
    let items = map.barItems(in: .probes, language: .ja)
    XCTAssertTrue(items.contains { $0.keys == "r" && $0.label == "再実行" })
    XCTAssertTrue(items.contains { $0.keys == "c" && $0.label == "中止" })
    XCTAssertTrue(items.contains { $0.keys == "q" && $0.label == "終了" })
    let filtered = map.barItems(in: .probes, language: .en, available: { $0 != .cancel })
    XCTAssertFalse(filtered.contains { $0.keys == "c" })
  }

  func testHelpBarOnScreenMatchesTheTable() {
    let state = diagnosisState()
    let bar = view(state, size: state.size).text().split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
    for item in map.barItems(in: .tree, language: .en).prefix(3) {
      XCTAssertTrue(bar.contains("\(item.keys) \(item.label)"), "bar \(bar) lacks \(item)")
    }
  }

  func testHelpOverlayListsTheContextsBindings() {
    var state = diagnosisState()
    press(&state, .char("?"))
    XCTAssertEqual(state.overlay, .help)
    let screen = view(state, size: state.size).text()
    for binding in map.bindings(in: .tree) where state.isAvailable(binding.action) {
      XCTAssertTrue(screen.contains(binding.help(.en)), "overlay lacks \(binding.help.en)")
    }
  }

  func testASCIIKeyLabels() {
    XCTAssertEqual(asciiKeyLabel("↑↓"), "Up/Dn")
    XCTAssertEqual(asciiKeyLabel("← h"), "Left h")
  }
}
