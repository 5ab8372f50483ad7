import DoctorCore

// `w` on the diagnosis screen: after a fix, the launcher looks again every interval (re-running only the probes
// behind the failing findings) and posts each look; the pane shows the timeline until the diagnosis passes, then
// the tree shows the healed diagnosis. `w` or Esc stops it.

/// What a watch needs from the launcher: the diagnosis to repeat, how often, and for how long at most.
public struct WizardWatch: Sendable, Equatable {
  /// Numbers the watch, so late looks of a stopped one are ignored.
  public var watch: Int
  public var request: WizardDiagnosis
  public var intervalSeconds: Double
  public var limitSeconds: Double
  public init(watch: Int, request: WizardDiagnosis, intervalSeconds: Double, limitSeconds: Double) {
    (self.watch, self.request, self.intervalSeconds, self.limitSeconds) =
      (watch, request, intervalSeconds, limitSeconds)
  }
}

/// One look of a watch, as the launcher posts it.
public struct WatchLook: Sendable {
  public var report: Report
  /// Milliseconds since the watch started.
  public var atMs: Double
  /// The probes the look re-ran; nil when it ran the whole diagnosis.
  public var rerun: [ProbeID]?
  /// Why a failure may outlive its fix that the report's facts cannot say (a caching daemon on the machine).
  public var heldBy: [String]
  public init(report: Report, atMs: Double, rerun: [ProbeID]?, heldBy: [String] = []) {
    (self.report, self.atMs, self.rerun, self.heldBy) = (report, atMs, rerun, heldBy)
  }
}

/// The watch on screen.
public struct WatchState: Sendable {
  public enum Phase: Sendable, Equatable { case watching, healed, stopped, gaveUp }
  public var id: Int
  public var intervalSeconds: Double
  public var phase: Phase = .watching
  public var log = WatchLog()
}

extension AppState {
  /// Default interval and bound of the wizard's watch, as `diagnose --watch`'s.
  static let watchIntervalSeconds: Double = 5
  static let watchLimitSeconds: Double = 600

  public var isWatching: Bool { watch?.phase == .watching }

  /// `w`: start watching the diagnosis on screen, or stop the watch in progress.
  mutating func toggleWatch() -> [Effect] {
    if isWatching { return stopWatch() }
    guard runPhase == .done, let request = lastRequest, report?.hasError == true else { return [] }
    let id = (watch?.id ?? 0) + 1
    watch = WatchState(id: id, intervalSeconds: Self.watchIntervalSeconds)
    status = StatusMessage(text: UIText.watchStarted(language), kind: .info)
    return [
      .startWatch(
        WizardWatch(
          watch: id, request: request, intervalSeconds: Self.watchIntervalSeconds,
          limitSeconds: Self.watchLimitSeconds))
    ]
  }

  mutating func stopWatch() -> [Effect] {
    guard isWatching else { return [] }
    watch?.phase = .stopped
    status = StatusMessage(text: UIText.watchStopped(language), kind: .info)
    return [.stopWatch]
  }

  /// A look arrived: the timeline grows; when it passes, the watch ends and the tree shows the healed diagnosis.
  mutating func watchLooked(_ id: Int, _ look: WatchLook) {
    guard var current = watch, current.id == id, current.phase == .watching else { return }
    let sample = current.log.record(look.report, atMs: look.atMs, rerun: look.rerun, heldBy: look.heldBy)
    if sample.healed {
      current.phase = .healed
      watch = current
      report = look.report
      baseReport = look.report
      showLikelyPath(&self)
      status = StatusMessage(text: UIText.watchHealedAt(language, "+" + formatMs(sample.atMs)), kind: .success)
    } else {
      watch = current
    }
  }

  /// The launcher stopped on its own (the bound ran out) without a look that passed.
  mutating func watchEnded(_ id: Int) {
    guard watch?.id == id, watch?.phase == .watching else { return }
    watch?.phase = .gaveUp
    status = StatusMessage(text: UIText.watchGaveUp(language), kind: .info)
  }

  var watchPaneTitle: String {
    guard let watch else { return "" }
    switch watch.phase {
    case .watching: return UIText.watchingEvery(language, watch.intervalSeconds)
    case .healed: return UIText.watchTitleHealed(language)
    case .stopped, .gaveUp: return UIText.watchTitleStopped(language)
    }
  }

  /// The timeline, one block a look: its time and failing findings, what changed, why it has not healed yet, the
  /// probes it re-ran. The latest look last; the pane shows the end when it is longer than the pane.
  func watchPaneLines(width: Int) -> [PaneLine] {
    var out = PaneWriter(width: max(1, width), glyphs: Glyphs(ascii: config.asciiOnly))
    guard let watch else { return [] }
    let lang = language
    if watch.log.samples.isEmpty { out.paragraph(UIText.watchFirstLook(lang), style: .dim) }
    let glyphs = Glyphs(ascii: config.asciiOnly)
    for sample in watch.log.samples {
      let at = "+" + formatMs(sample.atMs)
      if sample.healed {
        out.paragraph(
          "\(at)  \(glyphs.status(.pass)) \(UIText.watchHealed(lang)): \(sample.conclusion.rawValue)",
          style: .fg(.ok, bold: true))
      } else {
        out.paragraph(
          "\(at)  \(glyphs.severity(.error)) \(sample.failing.map(\.rawValue).joined(separator: ", "))",
          style: severityStyle(.error))
      }
      var changed: [String] = []
      if !sample.appeared.isEmpty {
        changed.append(UIText.watchNew(lang) + " " + sample.appeared.map(\.rawValue).joined(separator: ", "))
      }
      if !sample.cleared.isEmpty {
        changed.append(UIText.watchCleared(lang) + " " + sample.cleared.map(\.rawValue).joined(separator: ", "))
      }
      if changed.isEmpty, watch.log.samples.first?.atMs != sample.atMs { changed.append(UIText.watchUnchanged(lang)) }
      for text in changed { out.paragraph(text, indent: 4, style: .plain) }
      for reason in sample.stillHeldBy {
        out.paragraph(
          UIText.watchWhyNotYet(lang) + " " + shownText(reason, keepNewlines: false), indent: 4, style: .dim)
      }
      if let rerun = sample.rerun {
        out.paragraph(
          UIText.watchRerun(lang) + " " + rerun.map(\.rawValue).joined(separator: ", "), indent: 4, style: .dim)
      }
    }
    return out.lines
  }
}
