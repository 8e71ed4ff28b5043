#!/usr/bin/env bash
# Mutation testing: applies each mutation of Scripts/mutations.txt to a scratch clone of HEAD,
# builds, runs `swift test` to the first failure, reverts. See docs/testing.md.
set -euo pipefail
exec python3 "$(dirname "$0")/mutate.py" "$@"
