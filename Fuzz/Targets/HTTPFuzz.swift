// Fuzz target: bytes → the HTTP/1.1 request parser of `mizan serve`, and the form decoding of the
// bodies it reads. Properties checked beyond "no crash": a request's end does not depend on the
// bytes after it (the same request from its own bytes), every shorter prefix of a request is
// incomplete (a connection never answers half a request), and refusals carry 4xx or 5xx.

import Foundation
import MizanHTTP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  var limits = HTTPLimits()
  // Small limits, so that inputs of a few kilobytes reach them.
  limits.maxHeaderBytes = 2048
  limits.maxBodyBytes = 4096
  limits.maxHeaderFields = 20
  switch HTTPRequestParser.parse(bytes[...], limits: limits) {
  case .incomplete:
    break
  case .failure(let error):
    guard (400...599).contains(error.status.rawValue) else { fuzzFailure("refused with \(error.status.rawValue)") }
  case .request(let request, let consumed):
    guard consumed > 0, consumed <= bytes.count else { fuzzFailure("consumed \(consumed) of \(bytes.count)") }
    guard case .request(let alone, let aloneConsumed) = HTTPRequestParser.parse(bytes[..<consumed], limits: limits),
          aloneConsumed == consumed, alone.body == request.body, alone.target == request.target,
          alone.headers.map(\.name) == request.headers.map(\.name)
    else { fuzzFailure("the request read differs when the bytes after it are cut") }
    for cut in [consumed - 1, consumed / 2] where cut >= 0 {
      guard case .incomplete = HTTPRequestParser.parse(bytes[..<cut], limits: limits) else {
        fuzzFailure("a prefix of \(cut) of a \(consumed)-byte request is not incomplete")
      }
    }
    _ = request.formFields
    _ = request.keepsAlive
  }
  return 0
}
