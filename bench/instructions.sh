#!/usr/bin/env bash
# Instructions per decision, counted by callgrind: a figure that does not move with the load
# of a shared machine, for comparing two builds (before and after a change) in one session.
#
#   bench/instructions.sh [N]      N snapshots of each workload (default 5000)
#
# Counts PolicySet.appendDecision (JSON line in, decision line out: scan, decide, write) on
# the peer workload (bench/workload.yaml) and on the marketplace snapshots (policies/).
# Needs valgrind (Debian's package).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000}
peers=${PEERS:-../shared/bench/peers}
data=bench/data
mkdir -p "$data"
swift build -c release --product referral-policy-bench 2>&1 | tail -1
bin="$(swift build -c release --show-bin-path)/referral-policy-bench"
# valgrind cannot read the Swift debug information; a stripped copy counts the same code.
stripped=$(mktemp)
trap 'rm -f "$stripped" "$stripped".out "$stripped".log' EXIT
cp "$bin" "$stripped"
strip --strip-debug "$stripped"
chmod +x "$stripped"
[[ -f $data/snapshots-$N.jsonl ]] || python3 "$peers/gen.py" --n "$N" --out "$data/snapshots-$N.jsonl"
[[ -f $data/marketplace-$N.jsonl ]] || python3 bench/gen_marketplace.py --n "$N" --out "$data/marketplace-$N.jsonl"
count() {  # count NAME POLICY SNAPSHOTS
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$stripped.out" \
        --toggle-collect='$s14ReferralPolicy0B3SetV14appendDecision4json2to*' \
        --toggle-collect='$s14ReferralPolicy0B3SetV14appendDecision10contiguous2to*' \
        "$stripped" append "$2" "$3" --passes 1 > /dev/null 2> "$stripped.log" || { cat "$stripped.log"; exit 1; }
    local total
    total=$(awk '/^totals:/ { print $2 }' "$stripped.out")
    printf '%-40s %10d instructions per decision\n' "$1" "$((total / $(wc -l < "$3")))"
}
count "peer workload (bench/workload.yaml)" bench/workload.yaml "$data/snapshots-$N.jsonl"
count "marketplace snapshots (policies/)" policies/ "$data/marketplace-$N.jsonl"
