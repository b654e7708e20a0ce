#!/usr/bin/env bash
# Installs what building and testing EstateDesk needs on a fresh Debian machine.
# Safe to run again: it only installs what is missing.
#   poppler-utils   tests read receipts back as text
#   build-essential the bundled SQLite is C
#   the -dev libraries below: the desktop app (Tauri 2 over the system WebKitGTK 4.1)
#   nodejs, npm     builds the UI (Vue 3 + Vite); Debian 12's node 18 is enough
#   xvfb, xauth, webkit2gtk-driver, python3-venv
#                   the end-to-end tests: a virtual screen, WebKit's WebDriver, the test client's venv
set -euo pipefail
need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v pdfinfo   >/dev/null || need+=(poppler-utils)
command -v cc        >/dev/null || need+=(build-essential)
for pkg in libwebkit2gtk-4.1-dev build-essential pkg-config libgtk-3-dev librsvg2-dev \
           libssl-dev libxdo-dev libayatana-appindicator3-dev xvfb xauth webkit2gtk-driver; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg")
done
command -v node >/dev/null || need+=(nodejs)
command -v npm  >/dev/null || need+=(npm)
python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3 python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
  echo "安装构建依赖：${need[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v cargo >/dev/null || { echo "需要 Rust 工具链（cargo）：请先安装 rustup（https://rustup.rs）。" >&2; exit 1; }
