#!/usr/bin/env bash
# Runs every test of EstateDesk: core rules, ledger invariants, importer,
# receipt PDFs read back, the CLI contract, the shared contract smoke check,
# the UI's unit tests (Vitest) and type check, then the end-to-end tests of the
# real desktop app (tests/e2e: a virtual screen, tauri-driver, selenium).
# Fast inner loop instead: cargo test -p estate-core
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
(cd ui && npm ci --no-audit --no-fund --loglevel=error && npm test && npm run build)
# One feature set for the tests and the build, so Tauri is compiled once; the app
# is built once, with the UI bundled in (custom-protocol), and the e2e tests drive that binary.
desk=(--features estate-desk/custom-protocol --locked)
cargo test --workspace "${desk[@]}"
cargo build -p estate-cli -p estate-desk "${desk[@]}"
target=${CARGO_TARGET_DIR:-target}
smoke=../shared/contract/smoke.py
if [ -f "$smoke" ]; then
  python3 "$smoke" "$target/debug/estate"
fi
start=$SECONDS
ESTATE_DESK_BIN="$target/debug/estate-desk" ESTATE_BIN="$target/debug/estate" bash tests/e2e/run.sh
echo "端到端测试用时 $((SECONDS - start)) 秒" >&2
