@testable import DoctorCore

// Shared by every fuzz target: the input as libFuzzer hands it, as bytes or as the text a file or a server would give.

/// The input's bytes, copied (libFuzzer owns the buffer only for the call).
func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
  guard let data, size > 0 else { return [] }
  return Array(UnsafeBufferPointer(start: data, count: size))
}

/// The input decoded as regdoctor decodes files and answers: invalid UTF-8 repaired, never refused.
func fuzzText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
  String(decoding: fuzzBytes(data, size), as: UTF8.self)
}

/// The input cut at its first newline into two values (a host and a NO_PROXY list, a registry and its regions).
func fuzzPair(_ text: String) -> (String, String) {
  guard let newline = text.firstIndex(of: "\n") else { return (text, "") }
  return (String(text[..<newline]), String(text[text.index(after: newline)...]))
}

/// A property every target keeps: what a parser hands on for the screen, once shown, holds no raw control character.
func checkShown(_ text: String?) {
  guard let text else { return }
  let shown = shownText(text, keepNewlines: false)
  if containsControlCharacter(shown) { fatalError("control character survived shownText: \(Array(shown.utf8))") }
}
