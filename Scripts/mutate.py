#!/usr/bin/env python3
"""Mutation testing for Mizan: does the test suite catch plausible bugs?

Each mutation in Scripts/mutations.txt is one exact text replacement in one source file. For
each, in a scratch clone of the committed HEAD (never the tree you work in), the script applies
it, builds, runs `swift test` until the first failing test (one failure kills a mutant), and
reverts the file. It prints one line per mutation, then the score and the survivors.

See docs/testing.md. Usage:
  Scripts/mutate.sh                 every mutation
  Scripts/mutate.sh ID [ID …]       only these
  Scripts/mutate.sh --check         only check that every mutation applies (exactly once)
  Scripts/mutate.sh --list          list the mutations
Environment: MUTATE_ONLY (a test filter: run only it, to see what one suite kills alone),
MUTATE_SCRATCH (default /tmp/mizan-mutate), MUTATE_TIMEOUT (seconds per test run,
default 900), MUTATE_RESULTS (file the result lines are appended to, default
$MUTATE_SCRATCH/results.txt).
"""
import os
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIST = os.path.join(ROOT, "Scripts", "mutations.txt")
SCRATCH = os.environ.get("MUTATE_SCRATCH", "/tmp/mizan-mutate")
TIMEOUT = int(os.environ.get("MUTATE_TIMEOUT", "900"))
RESULTS = os.environ.get("MUTATE_RESULTS", os.path.join(SCRATCH, "results.txt"))
# Only this filter, never the whole suite: what one suite alone kills (`MUTATE_ONLY=Oracle`).
ONLY = os.environ.get("MUTATE_ONLY")


class Mutation:
    def __init__(self, ident, description, line):
        self.ident = ident
        self.description = description
        self.line = line
        self.file = None
        self.tests = None
        self.old = None
        self.new = None


def parse(path):
    """Blocks of the form
    ## id: description
    file: Sources/…
    tests: regex          (optional: suites to run first, before the whole suite)
    <<<
    old text (exact, several lines allowed)
    ===
    new text
    >>>
    """
    mutations = []
    lines = open(path, encoding="utf-8").read().split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("## "):
            ident, _, description = line[3:].partition(":")
            current = Mutation(ident.strip(), description.strip(), index + 1)
            mutations.append(current)
        elif line.startswith("file: "):
            current.file = line[6:].strip()
        elif line.startswith("tests: "):
            current.tests = line[7:].strip()
        elif line == "<<<":
            old, new, target = [], [], None
            target = old
            index += 1
            while lines[index] != ">>>":
                if lines[index] == "===":
                    target = new
                else:
                    target.append(lines[index])
                index += 1
            current.old = "\n".join(old)
            current.new = "\n".join(new)
        index += 1
    idents = [m.ident for m in mutations]
    duplicates = {i for i in idents if idents.count(i) > 1}
    if duplicates:
        sys.exit(f"mutate: duplicate ids in {path}: {sorted(duplicates)}")
    for m in mutations:
        if m.file is None or m.old is None or m.old == m.new:
            sys.exit(f"mutate: {path}:{m.line}: mutation {m.ident} needs a file, an old text and a different new text")
    return mutations


def read(root, mutation):
    with open(os.path.join(root, mutation.file), encoding="utf-8") as handle:
        return handle.read()


def check_applies(root, mutation):
    """None when `old` occurs exactly once in the file, else why not (the source moved)."""
    path = os.path.join(root, mutation.file)
    if not os.path.exists(path):
        return f"no file {mutation.file}"
    count = read(root, mutation).count(mutation.old)
    if count != 1:
        return f"the old text occurs {count} times in {mutation.file} (the source moved: update the mutation)"
    return None


def run(command, cwd, log):
    with open(log, "w") as out:
        return subprocess.run(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT).returncode


def run_tests(filter_regex, log):
    """Runs `swift test` and stops it at the first failing test. Returns (killed, why)."""
    command = ["swift", "test", "--skip-build"]
    if filter_regex:
        command += ["--filter", filter_regex]
    started = time.time()
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=SCRATCH, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   start_new_session=True, text=True, errors="replace")
        failure = None
        for line in process.stdout:
            out.write(line)
            if line.startswith("✘") and failure is None:
                failure = line.strip()
                break
            if time.time() - started > TIMEOUT:
                failure = f"timed out after {TIMEOUT} s"
                break
        if failure is not None:
            # The test process and its children are ours (a session of their own): stop them.
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            process.wait()
            return True, failure
        status = process.wait()
    if status != 0:
        return True, f"swift test exited {status} (a crash or a failure without ✘; see {log})"
    return False, "all tests pass"


def prepare_scratch():
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    if dirty:
        print("mutate: note: uncommitted changes are not tested; the scratch copy is HEAD", head[:12])
    if not os.path.isdir(os.path.join(SCRATCH, ".git")):
        subprocess.run(["git", "clone", "--quiet", "--no-checkout", ROOT, SCRATCH], check=True)
    # Fetch and check out only what changed, so the scratch build stays incremental.
    subprocess.run(["git", "fetch", "--quiet", ROOT, head], cwd=SCRATCH, check=True)
    subprocess.run(["git", "checkout", "--quiet", "--force", "--detach", head], cwd=SCRATCH, check=True)
    return head


def main(arguments):
    mutations = parse(LIST)
    if "--list" in arguments:
        for m in mutations:
            print(f"{m.ident:32} {m.file}: {m.description}")
        print(f"{len(mutations)} mutations")
        return 0
    if "--check" in arguments:
        problems = [(m, check_applies(ROOT, m)) for m in mutations]
        problems = [(m, p) for m, p in problems if p]
        for m, problem in problems:
            print(f"{m.ident}: {problem}")
        print(f"{len(mutations) - len(problems)} of {len(mutations)} mutations apply")
        return 1 if problems else 0
    chosen = [a for a in arguments if not a.startswith("--")]
    unknown = set(chosen) - {m.ident for m in mutations}
    if unknown:
        sys.exit(f"mutate: no mutation named {', '.join(sorted(unknown))} (Scripts/mutate.sh --list)")
    if chosen:
        mutations = [m for m in mutations if m.ident in chosen]

    head = prepare_scratch()
    os.makedirs(os.path.join(SCRATCH, ".mutate"), exist_ok=True)
    print(f"mutate: {len(mutations)} mutations of {head[:12]} in {SCRATCH}", flush=True)
    if run(["swift", "build", "--build-tests"], SCRATCH, os.path.join(SCRATCH, ".mutate", "baseline.log")) != 0:
        sys.exit("mutate: the unmutated tree does not build (see .mutate/baseline.log)")
    results = []
    for m in mutations:
        started = time.time()
        problem = check_applies(SCRATCH, m)
        if problem:
            results.append((m, "ERROR", problem))
        else:
            path = os.path.join(SCRATCH, m.file)
            original = read(SCRATCH, m)
            log_base = os.path.join(SCRATCH, ".mutate", m.ident)
            try:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(original.replace(m.old, m.new, 1))
                if run(["swift", "build", "--build-tests"], SCRATCH, log_base + ".build.log") != 0:
                    results.append((m, "ERROR", f"the mutant does not build ({log_base}.build.log)"))
                else:
                    killed, why = False, ""
                    if ONLY:
                        killed, why = run_tests(ONLY, log_base + ".only.log")
                    elif m.tests:
                        killed, why = run_tests(m.tests, log_base + ".focused.log")
                    if not killed and not ONLY:
                        killed, why = run_tests(None, log_base + ".test.log")
                    results.append((m, "KILLED" if killed else "SURVIVED", why))
            finally:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(original)
        m_result = results[-1]
        line = f"{m_result[1]:8} {m.ident} ({int(time.time() - started)} s): {m_result[2]}"
        print(line, flush=True)
        with open(RESULTS, "a", encoding="utf-8") as out:
            out.write(f"{head[:12]} {line}\n")
    killed = [r for r in results if r[1] == "KILLED"]
    survivors = [r for r in results if r[1] == "SURVIVED"]
    errors = [r for r in results if r[1] == "ERROR"]
    print()
    print(f"score: {len(killed)} of {len(results) - len(errors)} mutants killed"
          + (f" ({len(errors)} could not be applied or built)" if errors else ""))
    for m, _, _ in survivors:
        print(f"survived: {m.ident}: {m.file}: {m.description}")
    for m, _, why in errors:
        print(f"error: {m.ident}: {why}")
    return 1 if survivors or errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
