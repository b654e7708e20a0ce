#!/usr/bin/env bash
# The `estate` command line on a demo estate: with no arguments it builds,
# creates a 300-unit demo estate in out/demo.db (once) and shows a short tour;
# with arguments it runs `estate ARGS…` against that demo estate, e.g.
#   scripts/run.sh cli balance 1-1-101
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p estate-cli --locked -q
estate=target/release/estate
export ESTATE_DB="${ESTATE_DB:-$PWD/out/demo.db}"
mkdir -p "$(dirname "$ESTATE_DB")"
[ -f "$ESTATE_DB" ] || "$estate" demo --units 300 --years 3
if [ $# -gt 0 ]; then exec "$estate" "$@"; fi
echo; echo "== 收费项目"; "$estate" fee list
# The tour takes a payment from the first household in arrears.
unit=""
for b in 1 2 3; do for e in 1 2; do for f in $(seq 1 18); do for r in 01 02; do
  code="$b-$e-$f$r"
  owed=$("$estate" --json balance "$code" | sed -n 's/.*"owed":"\([0-9.]*\)".*/\1/p')
  if [ -n "$owed" ] && [ "$owed" != "0.00" ]; then unit=$code; break 4; fi
done; done; done; done
echo; echo "== $unit 的欠费"; "$estate" balance "$unit"
echo; echo "== 收款 $owed 元（微信）"; "$estate" pay "$unit" --amount "$owed" --method wechat --ref 4200000001 --operator 演示前台 | tee out/last-payment.txt
no=$(awk '/^收据号/ {print $2}' out/last-payment.txt)
"$estate" receipt pdf "$no" --out "out/$no.pdf"
cat <<EON

演示小区在 $ESTATE_DB。继续试用：
  scripts/run.sh cli --help                 全部命令
  scripts/run.sh cli unit show $unit      房屋、住户、车辆
  scripts/run.sh cli statement $unit      对账单
  scripts/run.sh cli pay 1-1-102 --amount 300 --method cash
EON
