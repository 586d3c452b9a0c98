#!/usr/bin/env bash
# Shared helpers for ./run, ./test and the benchmark scripts.

ensure_node_packages() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then
    echo "Installing npm packages into ./node_modules ..."
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for browser tests ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing; install it with: sudo apt-get install -y chromium" >&2
  fi
}

# Prints one closing line "N passed, N failed, N skipped" summed over every .trx file.
summarize_trx() {
  local dir=$1 passed=0 failed=0 skipped=0
  for f in "$dir"/*.trx; do
    [ -f "$f" ] || continue
    local counters
    counters=$(grep -o '<Counters [^>]*>' "$f" | head -1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${p:-0}))
    x=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${x:-0}))
    s=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters"); skipped=$((skipped + ${s:-0}))
  done
  echo "Tests: $passed passed, $failed failed, $skipped skipped"
}
