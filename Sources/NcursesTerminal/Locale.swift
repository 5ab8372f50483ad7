import Glibc

extension NcursesTerminal {
  /// Sets the C locale from the environment, as ncursesw needs to draw wide characters. When the environment asks
  /// for UTF-8 (`ja_JP.UTF-8`) but that locale is not installed, falls back to C.UTF-8 for the character type.
  /// Returns true when the locale's character set is UTF-8 (use `asciiOnly: false` then). Call on the main thread.
  @discardableResult
  public static func prepareLocale() -> Bool {
    setlocale(LC_ALL, "")
    if isUTF8Locale { return true }
    guard environmentWantsUTF8 else { return false }
    for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
      if isUTF8Locale { return true }
    }
    return false
  }

  private static var isUTF8Locale: Bool {
    guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
    let name = String(cString: codeset).lowercased()
    return name == "utf-8" || name == "utf8"
  }

  private static var environmentWantsUTF8: Bool {
    for key in ["LC_ALL", "LC_CTYPE", "LANG"] {
      guard let raw = getenv(key) else { continue }
      let value = String(cString: raw).lowercased()
      if value.isEmpty { continue }
      return value.contains("utf-8") || value.contains("utf8")
    }
    return false
  }
}
