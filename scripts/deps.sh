#!/usr/bin/env bash
# Installs what building and testing EstateDesk needs on a fresh Debian machine.
# Safe to run again: it only installs what is missing.
set -euo pipefail
need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)   # tests read receipts back as text
command -v pdfinfo   >/dev/null || need+=(poppler-utils)
command -v cc        >/dev/null || need+=(build-essential) # bundled SQLite is C
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
command -v cargo >/dev/null || { echo "需要 Rust 工具链（cargo）：请先安装 rustup（https://rustup.rs）。" >&2; exit 1; }
