import DoctorCore

// The wizard's words for the Azure questions, the Azure-side symptom branches, further diagnosis, and running a
// command (kept apart from UIText.swift so the table there stays the frame's).
extension UIText {
  // Azure questions
  static let azureUnavailableHint = T(
    en: "The Azure CLI could not be asked: press a to answer the questions that decide the Azure branches",
    ja: "Azure CLI に照会できませんでした。a を押して、Azure 側の分岐を決める質問に答えてください")
  static let noAzureQuestions = T(
    en: "No question to answer: the Azure CLI answered, or nothing depends on it.",
    ja: "答える質問はありません（Azure CLI が応答したか、Azure 側に依存する分岐がありません）。")
  static let answersApplied = T(
    en: "Diagnosis recomputed with your answers.", ja: "あなたの回答で診断をやり直しました。")
  static let questionsNode = T(en: "Azure side: questions (az unavailable)", ja: "Azure 側: 質問（az が使えません）")
  static let questionsAnswered = T(en: "Azure side: your answers", ja: "Azure 側: あなたの回答")
  static let questionsTitle = T(en: "The registry's Azure side", ja: "レジストリの Azure 側の設定")
  static let questionsIntro = T(
    en: "The Azure CLI could not read the registry's settings. Answer what you know; each command shows where to "
      + "look. The diagnosis is recomputed from your answers.",
    ja: "Azure CLI でレジストリの設定を読み取れませんでした。わかる範囲で答えてください。各コマンドで確認できます。"
      + "回答をもとに診断をやり直します。")
  static let questionsHowTo = T(
    en: "Press a (or Enter on this node) to answer: y yes, n no, d don't know, Enter apply.",
    ja: "a（またはこの項目で Enter）で回答: y はい、n いいえ、d わからない、Enter で適用。")
  static let yourAnswer = T(en: "Your answer", ja: "あなたの回答")
  static let answerYes = T(en: "yes", ja: "はい")
  static let answerNo = T(en: "no", ja: "いいえ")
  static let answerUnknown = T(en: "don't know", ja: "わからない")

  // Azure-side symptoms and further diagnosis
  static let symptomBranch = T(en: "Symptom", ja: "症状")
  static let symptomBranchIntro = T(
    en: "This happens on the Azure side: no packet from this machine can show why. These checks answer it.",
    ja: "この症状は Azure 側で起きています。このマシンからのパケットでは原因がわかりません。次の確認で原因を調べます。")
  static let furtherDiagnosis = T(
    en: "Further diagnosis and advanced troubleshooting", ja: "さらなる診断と高度なトラブルシューティング")
  static let furtherIntro = T(
    en: "When the probes leave the cause open: the registry's health check, AKS's own check, and the registry's "
      + "login events.",
    ja: "検査で原因が特定できない場合の手段: レジストリの正常性チェック、AKS からのチェック、レジストリのログイン イベント。")
  static let runHint = T(
    en: "Press ! to run one of these commands (you see it and confirm first).",
    ja: "! でこれらのコマンドを実行できます（実行前に内容を表示して確認します）。")

  // Running a command
  static let pickCommandTitle = T(en: "Run which command?", ja: "どのコマンドを実行しますか？")
  static let pickCommandHint = T(
    en: "Choose with ↑↓ and Enter; you confirm the exact line next.", ja: "↑↓ と Enter で選択します。次に実行内容を確認します。")
  static let confirmTitle = T(en: "Run this command?", ja: "このコマンドを実行しますか？")
  static let confirmChanges = T(
    en: "This command CHANGES your setup.", ja: "このコマンドは設定を変更します。")
  static let confirmReadsOnly = T(en: "This command only reads.", ja: "このコマンドは読み取りのみです。")
  static let confirmHow = T(
    en: "It runs exactly as shown, without a shell, and is stopped after a minute.",
    ja: "表示どおりに、シェルを介さずに実行します。1 分を超えると停止します。")
  static let confirmQuestion = T(en: "Run it? (y/n)", ja: "実行しますか？（y/n）")
  static let refused = T(en: "Not run from the wizard:", ja: "ウィザードからは実行しません:")
  static let runByHand = T(en: "Run this by hand. (Esc to close)", ja: "手動で実行してください。（Esc で閉じる）")
  static let refuseEmpty = T(en: "the line is empty.", ja: "コマンドが空です。")
  static let refuseTooLong = T(en: "the line is too long.", ja: "コマンドが長すぎます。")
  static let refuseControl = T(en: "the line holds control characters.", ja: "制御文字が含まれています。")
  static let refuseQuote = T(en: "a quote is not closed.", ja: "引用符が閉じていません。")
  static let refuseMultiple = T(
    en: "it is more than one command (pipe, ;, &, && or a subshell).",
    ja: "複数のコマンドです（パイプ、;、&、&& またはサブシェル）。")
  static let refuseRedirection = T(en: "it redirects input or output.", ja: "入出力のリダイレクトがあります。")
  static let refuseExpansion = T(
    en: "it needs the shell to expand $( ), backticks, variables or escapes.",
    ja: "$( )、バッククォート、変数、エスケープの展開にシェルが必要です。")
  static let refusePlaceholder = T(
    en: "it has a <placeholder> to fill in first.", ja: "先に埋める必要がある <プレースホルダー> があります。")
  static let refuseEnvironment = T(
    en: "it sets environment variables for the command.", ja: "コマンドに環境変数を設定しています。")
  static let refuseSudo = T(en: "it needs sudo and a password prompt.", ja: "sudo とパスワード入力が必要です。")
  static let outputTitle = T(en: "Command output", ja: "コマンドの出力")
  static let commandRunning = T(en: "Running… the output appears when it ends.", ja: "実行中… 終了すると出力が表示されます。")
  static let commandStillRunning = T(
    en: "A command is still running: wait for it to end.", ja: "コマンドの実行中です。終了するまでお待ちください。")
  static let commandDone = T(en: "Command ended:", ja: "コマンドが終了しました:")
  static let exitCode = T(en: "Exit code", ja: "終了コード")
  static let commandDidNotFinish = T(
    en: "Did not end by itself (time limit, or it could not start).", ja: "自然には終了しませんでした（時間切れ、または起動できませんでした）。")
  static let noOutput = T(en: "(no output)", ja: "（出力なし）")

  // Key help labels
  static let keyAnswerYes = T(en: "yes", ja: "はい")
  static let keyAnswerNo = T(en: "no", ja: "いいえ")
  static let keyAnswerUnknown = T(en: "don't know", ja: "わからない")
  static let keyApplyAnswers = T(en: "apply", ja: "適用")
  static let keyQuestions = T(en: "Azure questions", ja: "Azure の質問")
  static let keyRunCommand = T(en: "run…", ja: "実行…")
  static let keyApproveRun = T(en: "run", ja: "実行する")
  static let keyDontRun = T(en: "don't run", ja: "実行しない")
  static let keyChoose = T(en: "choose", ja: "選択")
  static let keyClose = T(en: "close", ja: "閉じる")
}
