#!/usr/bin/env bash
# Runs every test of EstateDesk: core rules, ledger invariants, importer,
# receipt PDFs read back, the CLI contract, the shared contract smoke check,
# the UI's unit tests (Vitest) and type check, and a build of the desktop app.
# Fast inner loop instead: cargo test -p estate-core
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
(cd ui && npm ci --no-audit --no-fund --loglevel=error && npm test && npm run build)
cargo test --workspace --locked
cargo build -p estate-cli -p estate-desk --locked
smoke=../shared/contract/smoke.py
if [ -f "$smoke" ]; then
  python3 "$smoke" target/debug/estate
fi
