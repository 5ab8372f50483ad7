// TEMPORARY: replaced by the azure branch.
public let azureRules: [DiagnosisRule] = []
