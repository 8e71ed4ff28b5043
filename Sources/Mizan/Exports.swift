// The façade re-exports the values its entry points return (Outcome, Verdict, Diagnostic…).
@_exported import MizanCore
@_exported import MizanEngine
