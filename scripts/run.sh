#!/usr/bin/env bash
# Runs EstateDesk.
#   scripts/run.sh             installs what is missing, builds the UI and the desktop
#                              app (release, UI bundled in) and opens the window
#   scripts/run.sh cli [ARGS]  the `estate` command line on a demo estate (out/demo.db):
#                              a short tour without ARGS, else `estate ARGS…`
# The app opens $ESTATE_DB when set, else the estate file chosen last time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
if [ "${1:-}" = "cli" ]; then
  shift
  exec bash scripts/cli.sh "$@"
fi
(cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run build)
cargo build --release -p estate-desk --features custom-protocol --locked
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "没有图形界面（DISPLAY 未设置）。桌面程序已构建：target/release/estate-desk" >&2
  echo "在无显示器的机器上可用：xvfb-run -a target/release/estate-desk" >&2
  exit 1
fi
exec target/release/estate-desk
