#!/usr/bin/env bash
# Runs every test of EstateDesk: core rules, ledger invariants, importer,
# receipt PDFs read back, the CLI contract, and the shared contract smoke check.
# Fast inner loop instead: cargo test -p estate-core
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cargo test --workspace --locked
cargo build -p estate-cli --locked
smoke=../shared/contract/smoke.py
if [ -f "$smoke" ]; then
  python3 "$smoke" target/debug/estate
fi
