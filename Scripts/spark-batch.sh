#!/bin/sh
# Runs `mizan batch -` as a streaming mapper under Apache Spark in local mode, over a sharded input
# of generated records, and checks that its output equals one `mizan batch` run, line for line
# after sorting (docs/scale.md).
#
#   Scripts/spark-batch.sh [RECORDS] [SHARDS]       default: 1000000 records, 8 shards
#
# Needs: `pip install pyspark` and a Java runtime (`apt-get install default-jre-headless`).
# CI does not run it: it needs both, and took 6.5 minutes for 1,000,000 records on 2 shared cores
# (the figures are in docs/scale.md). MIZAN_SPARK_WORK sets the working folder (default: a new
# one under /tmp); MIZAN_SPARK_LOGS=N also runs the first N records with one log per shard and
# replays every shard's log.
set -eu

records=${1:-1000000}
shards=${2:-8}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${MIZAN_SPARK_WORK:-$(mktemp -d /tmp/mizan-spark.XXXXXX)}
mkdir -p "$work"
cd "$root"

echo "== build (release)"
swift build -c release --product mizan >/dev/null
swift build -c release --product MizanBenchmarks >/dev/null
bin=$(swift build -c release --show-bin-path)
mizan="$bin/mizan"
policies="$root/policies"

echo "== generate $records records"
"$bin/MizanBenchmarks" --generate "$records" "$work/input.jsonl"
ls -l "$work/input.jsonl"

echo "== one mizan batch"
start=$(date +%s.%N)
"$mizan" batch "$work/input.jsonl" --policies "$policies" -o "$work/single.jsonl" 2>"$work/single.stderr"
end=$(date +%s.%N)
cat "$work/single.stderr"
echo "single run: $(echo "$end - $start" | bc) s"

echo "== Spark: rdd.pipe(\"mizan batch - …\"), $shards shards"
rm -rf "$work/spark-out"
start=$(date +%s.%N)
python3 Scripts/spark_batch.py "$work/input.jsonl" "$work/spark-out" --mizan "$mizan" --policies "$policies" \
  --shards "$shards"
end=$(date +%s.%N)
echo "spark run (with the JVM's start): $(echo "$end - $start" | bc) s"

echo "== compare, line for line after sorting"
# Outcomes start with their application id, which is unique here, so sorting whole lines sorts them
# by application id. An error record's "line" is the line in its shard's input, not in the whole
# file: it is left out of the comparison, the rest of the error record must be equal.
normalise() { sed -e 's/,"line":[0-9]*}$/}/' | LC_ALL=C sort -S 1G; }
normalise <"$work/single.jsonl" >"$work/single.sorted"
cat "$work"/spark-out/part-* | normalise >"$work/spark.sorted"
single_lines=$(wc -l <"$work/single.jsonl")
spark_lines=$(wc -l <"$work/spark.sorted")
echo "lines: single $single_lines, spark $spark_lines"
if cmp -s "$work/single.sorted" "$work/spark.sorted"; then
  echo "equal: $(sha256sum <"$work/spark.sorted" | cut -c1-16)… (sorted)"
else
  echo "DIFFERENT"; cmp "$work/single.sorted" "$work/spark.sorted" || true; exit 1
fi

if [ -n "${MIZAN_SPARK_LOGS:-}" ]; then
  echo "== Spark with one hash-chained log per shard, first $MIZAN_SPARK_LOGS records"
  head -n "$MIZAN_SPARK_LOGS" "$work/input.jsonl" >"$work/logged-input.jsonl"
  rm -rf "$work/logged-out" "$work/logs"; mkdir -p "$work/logs"
  python3 Scripts/spark_batch.py "$work/logged-input.jsonl" "$work/logged-out" --mizan "$mizan" \
    --policies "$policies" --shards "$shards" --logs "$work/logs"
  for log in "$work"/logs/shard-*.jsonl; do
    # The last entry's hash is the shard's checkpoint: keep it apart from the log to detect a cut tail.
    printf '%s  %s entries, head %s\n' "$(basename "$log")" "$(wc -l <"$log")" \
      "$(tail -n 1 "$log" | sed -e 's/.*"hash":"\([0-9a-f]\{16\}\).*/\1/')"
    "$mizan" replay "$log" --policies "$policies" | tail -n 1
  done
fi
echo "work folder: $work"
