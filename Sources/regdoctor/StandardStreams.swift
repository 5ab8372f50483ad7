import Glibc

// FileHandle is full Foundation's. These write the whole text with write(2), retrying after a signal; a closed
// stream (EPIPE) is ignored rather than fatal, as a pipe to `head` may close early.

func writeStandardOutput(_ text: String) { writeAll(STDOUT_FILENO, text) }

func writeStandardError(_ text: String) { writeAll(STDERR_FILENO, text) }

private func writeAll(_ fd: Int32, _ text: String) {
  var bytes = Array(text.utf8)[...]
  while !bytes.isEmpty {
    let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    if n < 0 && errno == EINTR { continue }
    if n <= 0 { return }
    bytes = bytes.dropFirst(n)
  }
}
