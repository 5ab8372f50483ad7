import DoctorCore

// Every string the wizard shows, in English and Japanese, in one table. Runbook texts (symptoms, causes,
// findings, remedies) come from the injected specs and the Report; these are only the wizard's own words.
enum UIText {
  typealias T = LocalizedText

  // Frame
  static let appName = T(en: "regdoctor", ja: "regdoctor")
  static let stepRegistry = T(en: "Registry", ja: "レジストリ")
  static let stepSymptoms = T(en: "Symptoms", ja: "症状")
  static let stepProbes = Glossary.probes
  static let stepDiagnosis = T(en: "Diagnosis", ja: "診断")
  static let tooSmall = T(en: "Terminal too small (need 60x16)", ja: "端末が小さすぎます（60x16 以上が必要）")
  static let tooSmallHint = T(en: "Enlarge the window, or press q to quit.", ja: "ウィンドウを広げるか、q で終了してください。")

  // Watching after a fix (WatchPane.swift)
  static let keyWatch = T(en: "watch", ja: "監視")
  static let keyStopWatch = T(en: "stop watching", ja: "監視を停止")
  static let watchTitle = T(en: "Watching until healed", ja: "解決するまで監視中")
  /// "Watching until healed (every 5 s)"; in Japanese full-width parentheses take no space before them.
  static func watchingEvery(_ l: Language, _ seconds: Double) -> String {
    let s = seconds == seconds.rounded() ? String(Int(seconds)) : fixedPoint(seconds, digits: 1)
    return l == .ja ? "\(watchTitle(l))（\(s) 秒ごと）" : "\(watchTitle(l)) (every \(s) s)"
  }
  static let watchTitleHealed = T(en: "Watch: healed", ja: "監視: 解決")
  static let watchTitleStopped = T(en: "Watch: stopped", ja: "監視: 停止")
  static let watchStarted = T(
    en: "Watching: only the probes behind the failing findings run again.", ja: "監視中: 失敗した所見の根拠となる検査だけを再実行します。")
  static let watchStopped = T(en: "Watch stopped.", ja: "監視を停止しました。")
  static let watchGaveUp = T(en: "Watch ended: not healed within its limit.", ja: "監視終了: 制限時間内に解決しませんでした。")
  static let watchHealed = T(en: "healed", ja: "解決")
  static func watchHealedAt(_ l: Language, _ at: String) -> String {
    l == .ja ? "\(at) で解決しました: 診断は問題なしです。" : "Healed at \(at): the diagnosis passes."
  }
  static let watchFirstLook = T(en: "First look…", ja: "最初の確認中…")
  static let watchNew = T(en: "new:", ja: "新規:")
  static let watchCleared = T(en: "cleared:", ja: "解消:")
  static let watchUnchanged = T(en: "no change", ja: "変化なし")
  static let watchWhyNotYet = T(en: "why not yet:", ja: "まだの理由:")
  static let watchRerun = T(en: "re-ran:", ja: "再実行:")

  // Registry screen
  static let registryTitle = T(en: "Which registry cannot be reached?", ja: "接続できないレジストリはどれですか？")
  static let registryLabel = T(en: "Registry", ja: "レジストリ")
  static let registryHint = T(
    en: "An ACR name (contoso), a login server (contoso.azurecr.io) or any registry host[:port].",
    ja: "ACR 名（contoso）、ログインサーバー（contoso.azurecr.io）、または任意のレジストリの host[:port]。")
  static let regionsLabel = T(en: "Regions / data endpoints", ja: "リージョン／データ エンドポイント")
  static let regionsHint = T(
    en: "Optional, comma separated: replica regions (japaneast) or data endpoint hosts.",
    ja: "任意。カンマ区切りで、レプリカのリージョン（japaneast）かデータ エンドポイントのホスト名。")
  static let registryEmpty = T(en: "Enter a registry name first.", ja: "先にレジストリ名を入力してください。")

  // Symptoms screen
  static let symptomsTitle = T(en: "What did you see? (select all that apply)", ja: "どんな症状が出ましたか？（当てはまるものをすべて選択）")
  static let filterLabel = T(en: "Filter", ja: "絞り込み")
  static let errorLabel = T(en: "Paste the error you saw", ja: "表示されたエラー文を貼り付け")
  static let errorPlaceholder = T(en: "(press e to paste an error message)", ja: "（e を押してエラー文を貼り付け）")
  static let noSymptomMatches = T(en: "No symptom matches the filter.", ja: "絞り込みに一致する症状はありません。")
  static let selectedCount = T(en: "selected", ja: "件選択中")
  static let matchedNone = T(en: "The error matched no known symptom.", ja: "このエラー文に一致する既知の症状はありません。")
  static let matchedSome = T(en: "Ticked from the error:", ja: "エラー文から選択しました:")

  // Probes screen
  static let probesRunning = T(en: "Running probes…", ja: "検査を実行中…")
  static let probesRunningASCII = T(en: "Running probes...", ja: "検査を実行中...")
  static let probesCancelled = T(en: "Cancelled. Press r to run again.", ja: "中止しました。r で再実行できます。")
  static let probesWaiting = T(en: "Starting…", ja: "開始しています…")
  /// `Likely (confirming until 5 s): …`: what the results so far point at while a silence is waited out.
  static func likelyConclusion(_ l: Language, _ summary: String, untilSeconds: Double) -> String {
    let seconds = untilSeconds == untilSeconds.rounded() ? "\(Int(untilSeconds))" : "\(untilSeconds)"
    let oneLine = summary.replacingLiteral("\n", with: " ")
    // The qualifier first: a cut line still says it is not confirmed yet.
    return l == .ja
      ? "有力 (最長 \(seconds) 秒まで確認中): \(oneLine)" : "Likely (confirming until \(seconds) s): \(oneLine)"
  }
  static let probesNoRows = T(en: "No probe has started yet.", ja: "まだ検査は始まっていません。")
  static let pressEnterForDiagnosis = T(en: "Press Enter to see the decision tree.", ja: "Enter で診断ツリーを表示します。")
  static let statusRunning = T(en: "running", ja: "実行中")
  static let statusCancelled = T(en: "cancelled", ja: "中止")
  static let conclusion = T(en: "Conclusion", ja: "結論")
  static let elapsed = T(en: "elapsed", ja: "所要時間")

  // Decision tree and panes
  static let treeTitle = T(en: "Causes → findings → remedies", ja: "原因 → 所見 → 対処法")
  static let treeTitleASCII = T(en: "Causes > findings > remedies", ja: "原因 > 所見 > 対処法")
  static let ruledOut = T(en: "ruled out", ja: "該当なし")
  static let cause = Glossary.cause
  static let finding = Glossary.finding
  static let remedy = Glossary.remedy
  static let why = T(en: "Why", ja: "理由")
  static let evidence = Glossary.evidence
  static let probesItRestsOn = T(en: "Probes", ja: "根拠となる検査")
  static let remedies = Glossary.remedies
  static let steps = T(en: "Steps", ja: "手順")
  static let commands = T(en: "Commands", ja: "コマンド")
  static let checks = T(en: "Check by hand", ja: "手動で確認するコマンド")
  static let advice = T(en: "Advice", ja: "アドバイス")
  static let changesSomething = T(
    en: "Changes your setup: review before running.", ja: "設定を変更します。実行前に内容を確認してください。")
  static let severity = T(en: "Severity", ja: "重大度")
  static let severityError = T(en: "error", ja: "エラー")
  static let severityWarning = T(en: "warning", ja: "警告")
  static let severityInfo = T(en: "info", ja: "情報")
  static let noFindingsHere = T(
    en: "No finding under this cause: the probes ruled it out.", ja: "この原因に該当する所見はありません（検査で否定されました）。")
  static let phases = T(en: "Timings", ja: "所要時間")
  static let probeNotInReport = T(en: "(not in the report)", ja: "（レポートにありません）")
  static let noReport = T(en: "No diagnosis yet.", ja: "まだ診断結果がありません。")

  // Export
  static let exportTitle = T(en: "Export the report", ja: "レポートを書き出す")
  static let exportChoose = T(en: "Format: m = Markdown, j = JSON", ja: "形式: m = Markdown、j = JSON")
  static let exportPath = T(en: "Save to", ja: "保存先")
  static let exportWriting = T(en: "Writing", ja: "書き出し中")
  static let exportSaved = T(en: "Report saved to", ja: "レポートを保存しました:")
  static let exportFailed = T(en: "Export failed:", ja: "書き出しに失敗しました:")
  static let exportNeedsReport = T(en: "Nothing to export yet: wait for the diagnosis.", ja: "書き出す診断結果がまだありません。")

  // Quit and help
  static let confirmQuitTitle = T(en: "Probes are still running.", ja: "検査はまだ実行中です。")
  static let confirmQuitQuestion = T(en: "Quit anyway? (y/n)", ja: "終了しますか？（y/n）")
  static let helpTitle = T(en: "Keys", ja: "キー操作")
  static let backWhileRunning = T(en: "Probes cancelled.", ja: "検査を中止しました。")

  // Key help labels
  static let keyNext = T(en: "next", ja: "次へ")
  static let keyNextField = T(en: "next field", ja: "次の欄")
  static let keyPreviousField = T(en: "previous field", ja: "前の欄")
  static let keyStart = T(en: "start", ja: "診断開始")
  static let keyToggle = T(en: "select", ja: "選択")
  static let keyFilter = T(en: "filter", ja: "絞り込み")
  static let keyPasteError = T(en: "paste error", ja: "エラー文")
  static let keyApplyFilter = T(en: "keep filter", ja: "絞り込み確定")
  static let keyClearFilter = T(en: "clear filter", ja: "絞り込み解除")
  static let keyMatchError = T(en: "match symptoms", ja: "症状を照合")
  static let keyCancelEdit = T(en: "cancel", ja: "キャンセル")
  static let keyUp = T(en: "move up", ja: "上へ移動")
  static let keyUpOrDown = T(en: "move", ja: "移動")
  static let keyDown = T(en: "move down", ja: "下へ移動")
  static let keyPageUp = T(en: "page up", ja: "前のページ")
  static let keyPageDown = T(en: "page down", ja: "次のページ")
  static let keyExpand = T(en: "expand", ja: "展開")
  static let keyCollapse = T(en: "collapse", ja: "折りたたみ")
  static let keyOpen = T(en: "details", ja: "詳細")
  static let keyShowDiagnosis = T(en: "diagnosis", ja: "診断結果")
  static let keySwitchPane = T(en: "switch pane", ja: "切替")
  static let keyRerun = T(en: "re-run", ja: "再実行")
  static let keyCancel = T(en: "cancel", ja: "中止")
  static let keyExport = T(en: "export", ja: "書き出し")
  static let keyMarkdown = T(en: "Markdown", ja: "Markdown")
  static let keyJSON = T(en: "JSON", ja: "JSON")
  static let keySave = T(en: "save", ja: "保存")
  static let keyYesQuit = T(en: "quit", ja: "終了する")
  static let keyNoStay = T(en: "stay", ja: "続ける")
  static let keyCloseHelp = T(en: "close", ja: "閉じる")
  static let keyQuit = T(en: "quit", ja: "終了")
  static let keyBack = T(en: "back", ja: "戻る")
  static let keyBackToTree = T(en: "back to tree", ja: "ツリーへ戻る")
  static let keyHelp = T(en: "help", ja: "ヘルプ")
  static let keyQuitNow = T(en: "quit now", ja: "すぐに終了")
}
