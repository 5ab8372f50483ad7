import ArgumentParser
import DoctorCore
import FoundationEssentials
import Glibc

/// `regdoctor explain TEXT` / `regdoctor explain -`: what a pasted error says, instantly, with no probe and no
/// network. Exit 0 when something was understood, 1 when nothing matched, 2 on empty or unreadable input.
struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Explain a pasted error without probing: symptoms, facts, likely findings, what to run next.",
    discussion: """
      TEXT is the error message; '-' reads it from standard input (at most 64 KiB are read).
      Exit codes: 0 the error was understood, 1 nothing in it matched, 2 empty or unreadable input.

      Example:
        regdoctor explain 'Get "https://contoso.azurecr.io/v2/": proxyconnect tcp: dial tcp 10.0.0.3:3128: connect: connection refused'
        docker pull contoso.azurecr.io/app 2>&1 | regdoctor explain -
      """)

  @Argument(help: ArgumentHelp("The error text, or '-' to read it from standard input.", valueName: "TEXT"))
  var text: String

  @Option(help: ArgumentHelp("Output format: text, markdown or json.", valueName: "FORMAT"))
  var format: ReportFormat = .text

  @Option(
    name: .customLong("lang"),
    help: ArgumentHelp("Language of titles and advice: en or ja (default from LANG).", valueName: "LANG"))
  var language: Language?

  func run() throws {
    let input = text == "-" ? try Self.readStandardInput() : text
    guard !input.trimmingWhitespace.isEmpty else {
      throw ValidationError(
        text == "-"
          ? "Nothing to explain: standard input was empty. Pipe the error in, e.g. 'docker pull … 2>&1 | regdoctor explain -'."
          : "Nothing to explain: give the error text, e.g. regdoctor explain 'dial tcp: lookup contoso.azurecr.io: no such host'."
      )
    }
    let e = ErrorMatcher.explain(input)
    let l = language ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
    let out: String
    switch format {
    case .text: out = ExplainReport.text(e, input: input, language: l)
    case .markdown: out = ExplainReport.markdown(e, input: input, language: l)
    case .json: out = ExplainReport.json(e, input: input)
    }
    writeStandardOutput(out)
    throw ExitCode(e.understood ? 0 : 1)
  }

  /// Reads at most 64 KiB (and says so on stderr if there was more); invalid UTF-8 is replaced, not refused.
  static func readStandardInput() throws -> String {
    let limit = ErrorMatcher.maxTextLength
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 16 * 1024)
    var truncated = false
    while true {
      let n = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw ValidationError("Cannot read standard input: \(String(cString: strerror(errno))).")
      }
      if n == 0 { break }
      bytes += buffer[0..<n]
      if bytes.count > limit {
        truncated = true
        bytes = Array(bytes[0..<limit])
        break
      }
    }
    if truncated {
      writeStandardError("regdoctor: only the first 64 KiB of standard input were read\n")
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
