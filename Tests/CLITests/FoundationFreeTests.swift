import Foundation
import XCTest

/// Issue 12: what ships in the regdoctor binary uses FoundationEssentials only. Full Foundation links
/// FoundationInternationalization and ICU's data, 32 MB of a 72 MB binary, for nothing regdoctor needs.
final class FoundationFreeTests: XCTestCase {
  static let shippedModules = ["BuildInfo", "DoctorCore", "DoctorProbes", "WizardUI", "NcursesTerminal", "regdoctor"]
  /// Modules that bring ICU or full Foundation (FoundationNetworking and FoundationXML import Foundation).
  static let forbidden = [
    "Foundation", "FoundationInternationalization", "_FoundationICU", "FoundationNetworking", "FoundationXML",
  ]

  /// No file of a shipped module imports full Foundation, in any spelling (`@preconcurrency import`, `import struct
  /// Foundation.X`, `@_exported import`).
  func testShippedModulesImportNoFullFoundation() throws {
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources")
    let modules = Self.forbidden.joined(separator: "|")
    let importLine = try NSRegularExpression(
      pattern: #"^\s*(@[\w()]+\s+)*import\s+((typealias|struct|class|enum|protocol|let|var|func)\s+)?("#
        + modules + #")(\.|\s*$|\s*//)"#, options: [.anchorsMatchLines])
    var offenders: [String] = []
    var scanned = 0
    for module in Self.shippedModules {
      let root = sources.appendingPathComponent(module)
      let files = try XCTUnwrap(FileManager.default.enumerator(atPath: root.path), root.path)
      for case let file as String in files where file.hasSuffix(".swift") {
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        scanned += 1
        for match in importLine.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
          offenders.append("\(module)/\(file): \((text as NSString).substring(with: match.range))")
        }
      }
    }
    XCTAssertGreaterThan(scanned, 100, "the scan found the sources")
    XCTAssertEqual(offenders, [], "shipped modules must import FoundationEssentials, not full Foundation")
  }

  /// The pattern above catches what it must: a guard that matches nothing would pass for ever.
  func testTheImportScanRecognisesEverySpelling() throws {
    let modules = Self.forbidden.joined(separator: "|")
    let importLine = try NSRegularExpression(
      pattern: #"^\s*(@[\w()]+\s+)*import\s+((typealias|struct|class|enum|protocol|let|var|func)\s+)?("#
        + modules + #")(\.|\s*$|\s*//)"#, options: [.anchorsMatchLines])
    func flagged(_ line: String) -> Bool {
      importLine.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
    }
    for bad in [
      "import Foundation", "@preconcurrency import Foundation", "import struct Foundation.Data",
      "@_exported import Foundation", "  import FoundationInternationalization", "import Foundation // why",
    ] {
      XCTAssertTrue(flagged(bad), bad)
    }
    for fine in ["import FoundationEssentials", "import Glibc", "// import Foundation was here", "import DoctorCore"] {
      XCTAssertFalse(flagged(fine), fine)
    }
  }

  /// The built regdoctor (debug: the toolchain's libraries are linked dynamically) needs no full Foundation library,
  /// so nothing pulled it in through a dependency either. The release binary is checked by scripts/dist (nm).
  func testBinaryLinksNoFullFoundationLibrary() throws {
    let binary = try builtRegdoctor()
    let bytes = try Data(contentsOf: binary)
    XCTAssertEqual(bytes.prefix(4), Data([0x7F, 0x45, 0x4C, 0x46]), "an ELF file")
    for library in Self.forbidden.map({ "lib\($0).so" }) {
      XCTAssertNil(bytes.range(of: Data((library + "\0").utf8)), "\(binary.path) links \(library)")
    }
    // It does link the Swift runtime dynamically, so the absence above means something (a static link would hide
    // its libraries from this check).
    XCTAssertNotNil(bytes.range(of: Data("libswiftCore.so\0".utf8)), "a dynamically linked debug build")
  }
}
