#!/usr/bin/env bash
# The end-to-end tests: the real desktop app in a virtual screen, driven through
# tauri-driver and WebKitWebDriver by Python selenium + pytest.
# Tests the binary already built (with the UI bundled in: --features custom-protocol)
# at $ESTATE_DESK_BIN, default ${CARGO_TARGET_DIR:-target}/debug/estate-desk; the
# estate CLI beside it sets data up and reads it back. Extra arguments go to pytest.
# Screenshots of each main screen land in tests/e2e/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PATH:$HOME/.cargo/bin"
command -v tauri-driver >/dev/null || cargo install tauri-driver --version 2.1.0 --locked
venv=${E2E_VENV:-out/e2e-venv}
req=tests/e2e/requirements.txt
# The venv is made once and again only when the pinned versions change.
if ! cmp -s "$req" "$venv/requirements.txt"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$req"
  cp "$req" "$venv/requirements.txt"
fi
exec "$venv/bin/python" -m pytest tests/e2e -p no:cacheprovider -q -rR --reruns 1 "$@"
