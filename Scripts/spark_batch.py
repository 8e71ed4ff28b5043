"""Runs `mizan batch -` as a streaming mapper under Apache Spark (local mode), sharded by
association, year and a hash of the application id, and writes the shards' output lines.

Called by Scripts/spark-batch.sh, which checks the result against one `mizan batch` run.

  python3 Scripts/spark_batch.py INPUT OUTPUT_DIR --mizan PATH --policies DIR [--shards N]
      [--cores N] [--logs DIR]

With --logs, each shard appends its decisions to its own hash-chained log, LOGS/shard-NNN.jsonl
(rdd.pipe gives a command no shard number, so that run goes through mapPartitionsWithIndex and a
subprocess per shard: the same command, with `--log`).
"""
import argparse
import json
import os
import subprocess
import sys
import time
import zlib

from pyspark.sql import SparkSession


def shard_key(line):
    """(association, year, bucket): one shard holds one association's year, or a slice of it.

    A line that cannot be read keeps a key of its own: mizan gives it its error record wherever
    it runs, so any shard will do.
    """
    try:
        record = json.loads(line)
        association = str(record.get("association", "?"))
        year = str(record.get("submitted_on", "?"))[:4]
        application = str(record.get("application_id", ""))
    except (ValueError, AttributeError):
        association, year, application = "?", "?", line
    bucket = zlib.crc32(application.encode("utf-8")) % 4
    return "%s/%s/%d" % (association, year, bucket)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--mizan", required=True)
    parser.add_argument("--policies", required=True)
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--logs")
    options = parser.parse_args()

    spark = (SparkSession.builder.master("local[%d]" % options.cores).appName("mizan-batch")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").config("spark.driver.memory", "2g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    context = spark.sparkContext
    started = time.time()
    lines = context.textFile(options.input, minPartitions=options.shards)
    shards = options.shards
    sharded = (lines.keyBy(shard_key)
               .partitionBy(shards, lambda key: zlib.crc32(key.encode("utf-8")) % shards)
               .values())
    command = [options.mizan, "batch", "-", "--policies", options.policies, "--quiet", "--jobs", "1"]
    if options.logs is None:
        # One `mizan batch -` per shard: records on stdin, one line per record on stdout. A
        # non-zero exit (4: a policy does not load; 1: I/O) fails the task (checkCode).
        output = sharded.pipe(" ".join(command), checkCode=True)
    else:
        logs = os.path.abspath(options.logs)

        def run_shard(index, records):
            log = os.path.join(logs, "shard-%03d.jsonl" % index)
            process = subprocess.Popen(command + ["--log", log], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

            def feed():
                for record in records:
                    process.stdin.write(record.encode("utf-8") + b"\n")
                process.stdin.close()

            import threading
            writer = threading.Thread(target=feed)
            writer.start()
            for line in process.stdout:
                yield line.decode("utf-8").rstrip("\n")
            writer.join()
            if process.wait() != 0:
                raise RuntimeError("mizan batch exited %d on shard %d" % (process.returncode, index))

        output = sharded.mapPartitionsWithIndex(run_shard)
    output.saveAsTextFile(options.output)
    seconds = time.time() - started
    sizes = sharded.glom().map(len).collect()
    print("spark: %d shards (records per shard: %s), local[%d], %.1f s"
          % (shards, ", ".join(str(size) for size in sizes), options.cores, seconds))
    spark.stop()


if __name__ == "__main__":
    sys.exit(main())
