#!/usr/bin/env bash
# Runs EstateDesk on a demo estate. Until the desktop app lands this is the
# `estate` command line: with no arguments it builds, creates a 300-unit demo
# estate in out/demo.db (once) and shows a short tour; with arguments it runs
# `estate ARGS…` against that demo estate, e.g.  scripts/run.sh balance 1-1-101
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cargo build --release -p estate-cli --locked -q
estate=target/release/estate
export ESTATE_DB="${ESTATE_DB:-$PWD/out/demo.db}"
mkdir -p "$(dirname "$ESTATE_DB")"
[ -f "$ESTATE_DB" ] || "$estate" demo --units 300 --years 3
if [ $# -gt 0 ]; then exec "$estate" "$@"; fi
echo; echo "== 收费项目"; "$estate" fee list
echo; echo "== 1-1-101 的欠费"; "$estate" balance 1-1-101
echo; echo "== 收款 100 元（微信）"; "$estate" pay 1-1-101 --amount 100 --method wechat --operator 演示前台 | tee out/last-payment.txt
no=$(awk '/^收据号/ {print $2}' out/last-payment.txt)
"$estate" receipt pdf "$no" --out "out/$no.pdf"
cat <<EON

演示小区在 $ESTATE_DB。继续试用：
  scripts/run.sh --help                 全部命令
  scripts/run.sh unit show 1-1-101      房屋、住户、车辆
  scripts/run.sh statement 1-1-101      对账单
  scripts/run.sh pay 1-1-102 --amount 300 --method cash
EON
