extension DockerDaemonFacts {
  /// The file that sets the running daemon's HTTPS proxy: the first that names the same proxy host and port. The
  /// spellings are compared without credentials, since /info masks a proxy's password; nil when no file read sets it.
  public var httpsProxyFile: String? {
    guard let running = httpsProxy, !running.isEmpty else { return nil }
    let proxy = DaemonProxy.endpoint(running)
    return sources.first { $0.parseError == nil && $0.httpsProxy.map(DaemonProxy.endpoint) == proxy }?.path
  }
}
