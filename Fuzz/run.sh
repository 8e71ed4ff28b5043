#!/usr/bin/env bash
# Builds and runs Mizan's libFuzzer targets with plain swiftc (no SwiftPM, no packages).
#
#   Fuzz/run.sh TARGET SECONDS [libFuzzer flags…]   build TARGET, seed it, fuzz it for SECONDS
#   Fuzz/run.sh TARGET CRASH-FILE                   build TARGET and run it once on a saved input
#   Fuzz/run.sh build                               build every target, run none
#   Fuzz/run.sh supported                           exit 0 if swiftc can build fuzz targets here
#
# TARGET is `policy` (parser, checker and its analyses, formatter), `record` (the record reader
# against a plain oracle, evaluation), `log` (log line reader, chain verifier, replay, impact, repair),
# `http` (the request parser of `mizan serve`) or `oracle` (generated policies and records: the engine
# against the reference interpreter).
#
# Each library module of Sources/ is compiled once with coverage instrumentation
# (`-sanitize=fuzzer`; `MIZAN_FUZZ_SANITIZE=fuzzer,address` adds AddressSanitizer) into
# Fuzz/.build, with `-package-name mizan` so that the targets reach `package` declarations.
# The working corpus is Fuzz/corpus-TARGET (kept between runs, not committed); seeds are
# rebuilt from fixtures/, policies/ and the golden tests each run. A crash, a timeout (over
# 10 s on one input) or memory over 2 GiB stops the run, saves the input to
# Fuzz/artifacts/TARGET-…, and makes this script exit non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
sanitize=${MIZAN_FUZZ_SANITIZE:-fuzzer}
build=${MIZAN_FUZZ_BUILD:-$root/Fuzz/.build}/${sanitize//,/-}
# The library sources to fuzz; a snapshot folder may stand in while Sources/ is being edited.
sources=${MIZAN_FUZZ_SOURCES:-Sources}
modules=(MizanCore MizanSyntax MizanChecker MizanEngine MizanAudit Mizan MizanHTTP)
swift_flags=(-sanitize="$sanitize" -parse-as-library -O -swift-version 6 -package-name mizan -I "$build"
  -I "$sources/CSHA256Intrinsics/include")

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Whether this toolchain can build a libFuzzer target at all.
supported() {
  local probe
  probe=$(mktemp -d)
  printf '@_cdecl("LLVMFuzzerTestOneInput") public func f(_ d: UnsafePointer<UInt8>, _ n: Int) -> CInt { 0 }\n' \
    > "$probe/probe.swift"
  if swiftc -sanitize=fuzzer -parse-as-library "$probe/probe.swift" -o "$probe/probe" >/dev/null 2>&1; then
    rm -rf "$probe"
    return 0
  fi
  rm -rf "$probe"
  return 1
}

# Compiles one module of Sources/ into $build/NAME.o and NAME.swiftmodule, unless its stamp
# holds the same key: the sources folder, each file's path, time and size, and the keys of the
# modules before it (so an edit, a deleted file or another sources folder rebuilds what depends
# on it).
build_module() {
  local name=$1 stamp=$build/$1.stamp key module
  shift
  local -a files
  mapfile -t files < <(find "$sources/$name" -name '*.swift' | sort)
  key=$({
    echo "$sources $sanitize"
    find "$sources/$name" -name '*.swift' -printf '%p %T@ %s\n' | sort
    for module in "$@"; do cat "$build/$module.stamp"; done
  } | md5sum | cut -d' ' -f1)
  if [[ -f $stamp && $(cat "$stamp") == "$key" ]]; then
    return
  fi
  echo "fuzz: compiling $name (${#files[@]} files)" >&2
  swiftc "${swift_flags[@]}" -wmo -module-name "$name" -emit-module -emit-module-path "$build/$name.swiftmodule" \
    -c "${files[@]}" -o "$build/$name.o"
  echo "$key" > "$stamp"
}

# Links the entry point of TARGET with the instrumented modules into $build/fuzz-TARGET.
build_target() {
  local target=$1 entry name
  local -a extra_sources=()
  case $target in
    policy) entry=PolicyFuzz ;;
    # The record target checks the one reader against the tests' plain oracle.
    record) entry=RecordFuzz extra_sources=(Tests/MizanTests/ReferenceRecordDecoder.swift) ;;
    log) entry=LogFuzz ;;
    http) entry=HTTPFuzz ;;
    # The engine against the reference interpreter of Tests/MizanOracle, on generated cases.
    oracle)
      entry=OracleFuzz
      extra_sources=(Tests/MizanOracle/*.swift Tests/MizanTestSupport/SplitMix64.swift) ;;
    *) usage ;;
  esac
  mkdir -p "$build"
  local index
  for index in "${!modules[@]}"; do build_module "${modules[$index]}" "${modules[@]:0:$index}"; done
  local binary=$build/fuzz-$target
  if [[ -f $binary && -z $(find Fuzz/Targets "${extra_sources[@]}" "$build"/*.stamp -newer "$binary" -print -quit) ]]; then
    return
  fi
  echo "fuzz: linking fuzz-$target" >&2
  # MizanCore's SHA-256 calls the C target's SHA-extensions routine.
  clang -O2 -I "$sources/CSHA256Intrinsics/include" -c "$sources/CSHA256Intrinsics/sha256_extensions.c" \
    -o "$build/CSHA256Intrinsics.o"
  local -a objects=("$build/CSHA256Intrinsics.o")
  for name in "${modules[@]}"; do objects+=("$build/$name.o"); done
  swiftc "${swift_flags[@]}" -module-name "Fuzz${entry%Fuzz}" Fuzz/Targets/FuzzSupport.swift \
    "Fuzz/Targets/$entry.swift" "${extra_sources[@]}" "${objects[@]}" -o "$binary"
}

# Fresh seeds for TARGET in $build/seeds-TARGET.
make_seeds() {
  local target=$1 seeds=$build/seeds-$1
  rm -rf "$seeds"
  mkdir -p "$seeds"
  case $target in
    policy)
      # Each file once, named by its path (golden inputs share names across folders).
      find policies fixtures Tests -name '*.mizan' -print0 | while IFS= read -r -d '' file; do
        cp "$file" "$seeds/$(echo "$file" | tr '/' '_')"
      done ;;
    record)
      find fixtures/records -name '*.json' -print0 | while IFS= read -r -d '' file; do
        cp "$file" "$seeds/$(echo "$file" | tr '/' '_')"
      done ;;
    log)
      SWIFT_BACKTRACE=enable=no MIZAN_FUZZ_WRITE_LOG_SEEDS="$seeds" "$build/fuzz-log" ;;
    http)
      # Requests as clients send them: each API route, a form, a chunked body, a record as body.
      printf 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n' >"$seeds/get"
      printf 'GET /v1/policies/taafi/schema?on=2024-03-10 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n' >"$seeds/get-10"
      printf 'POST /form/raabigh?lang=en HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 41\r\n\r\ncsrf=ab&action=evaluate&f.x=%%D8%%B3+a&m=1' >"$seeds/form"
      printf 'POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n4;e=1\r\n{"a"\r\n1\r\n}\r\n0\r\nT: v\r\n\r\nGET / HTTP/1.1\r\nHost: y\r\n\r\n' >"$seeds/chunked"
      record=fixtures/records/raabigh/eligible-complete.json
      { printf 'POST /v1/evaluate?explain HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n' "$(wc -c <"$record")"; cat "$record"; } >"$seeds/record" ;;
    oracle)
      # Choices for the generator: a few fixed byte strings (any bytes are a valid input).
      for seed in 0 1 2 3 4 5 6 7; do
        { printf 'oracle-%d-' "$seed"; seq "$seed" $((seed * 50)); } | head -c 400 > "$seeds/seed-$seed"
      done ;;
  esac
  echo "fuzz: $(find "$seeds" -type f | wc -l) seeds for $target" >&2
}

[[ $# -ge 1 ]] || usage
case $1 in
  supported)
    supported
    exit ;;
  build)
    for target in policy record log http oracle; do build_target "$target"; done
    exit ;;
esac
target=$1
[[ $# -ge 2 ]] || usage
if ! supported; then
  echo "fuzz: note: this toolchain cannot build libFuzzer targets (swiftc -sanitize=fuzzer failed); not fuzzing" >&2
  exit 77
fi
build_target "$target"
binary=$build/fuzz-$target
export SWIFT_BACKTRACE=enable=no
if [[ -f $2 ]]; then
  # Reproduce one saved input.
  exec "$binary" -timeout=10 -rss_limit_mb=2048 "$2"
fi
seconds=$2
shift 2
[[ $seconds =~ ^[0-9]+$ ]] || usage

case $target in
  policy) dict=Fuzz/policy.dict max_len=8192 ;;
  record) dict=Fuzz/json.dict max_len=8192 ;;
  log) dict=Fuzz/json.dict max_len=16384 ;;
  http) dict=Fuzz/http.dict max_len=8192 ;;
  oracle) dict="" max_len=512 ;;
esac
make_seeds "$target"
corpus=Fuzz/corpus-$target
mkdir -p "$corpus" Fuzz/artifacts
log=$build/$target-$(date -u +%Y%m%dT%H%M%SZ).log
extra=()
if [[ -n $dict ]]; then extra+=(-dict="$dict"); fi
if [[ $sanitize == *address* ]]; then
  # Leak checks are off: at exit LeakSanitizer reports as leaked the ≈ 8 KB of policy trees loaded
  # once at start-up (an amount that does not grow with executions); memory errors still stop a run.
  extra+=(-detect_leaks=0)
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
fi

echo "fuzz: $target for $seconds s (log: $log)" >&2
status=0
nice -n 10 "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
  -artifact_prefix="Fuzz/artifacts/$target-" -print_final_stats=1 "${extra[@]}" "$@" \
  "$corpus" "$build/seeds-$target" >"$log" 2>&1 || status=$?

# One summary line: what ran, how much, what it found.
executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
coverage=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
corpus_files=$(find "$corpus" -type f | wc -l)
corpus_bytes=$(du -sb "$corpus" | cut -f1)
if [[ $status -eq 0 ]]; then
  finding="no crash, hang or memory blow-up"
else
  finding="FAILED (exit $status): $(grep -E '^==[0-9]+== ?ERROR|^SUMMARY|deadly signal|timeout after|out-of-memory|fuzz property broken' "$log" | head -3 | tr '\n' ' ')"
  finding+="; input saved as $(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)"
  tail -60 "$log" >&2
fi
echo "fuzz: target=$target seconds=$seconds executions=${executions:-?} coverage=${coverage:-?}" \
  "corpus=$corpus_files files/$corpus_bytes bytes sanitizer=$sanitize result: $finding"
exit "$status"
