#!/usr/bin/env bash
# ReferralPolicy's performance figures next to their targets (issue: "decide a million
# referrals a second"), on the peer benchmark's workload (shared/bench/peers/WORKLOAD.md).
#
#   bench/run.sh [N]      N snapshots (default 100000); also streams 1,000,000 for memory
#
# Builds release, generates the data with the peers' generator (same seed, same bytes),
# checks every decision against the reference, then prints each figure with its target.
# Figures are medians; the machine is shared and noisy, so compare runs of one session.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
RUNS=${RUNS:-5}
peers=${PEERS:-../shared/bench/peers}
data=bench/data
mkdir -p "$data"

swift build -c release --product referral-policy 2>&1 | tail -1
swift build -c release --product referral-policy-bench 2>&1 | tail -1
bin="$(swift build -c release --show-bin-path)"
cli="$bin/referral-policy"
bench="$bin/referral-policy-bench"
policy=bench/workload.yaml

[[ -f $data/snapshots-$N.jsonl ]] || python3 "$peers/gen.py" --n "$N" --out "$data/snapshots-$N.jsonl"
[[ -f $data/ref-$N.jsonl ]] || python3 "$peers/ref.py" run "$data/snapshots-$N.jsonl" "$data/ref-$N.jsonl"

echo "== agreement with the reference ($N snapshots)"
"$bench" run "$policy" "$data/snapshots-$N.jsonl" "$data/ours-$N.jsonl"
python3 "$peers/verify.py" "$data/ref-$N.jsonl" "$data/ours-$N.jsonl"
"$cli" evaluate --policy "$policy" --explain --jsonl "$data/snapshots-$N.jsonl" | python3 bench/project.py > "$data/cli-$N.jsonl"
python3 "$peers/verify.py" "$data/ref-$N.jsonl" "$data/cli-$N.jsonl"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
wall() {  # wall seconds of one run of "$@", output discarded
    local start end
    start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N)
    awk "BEGIN { printf \"%.3f\n\", ($end - $start) / 1000000000 }"
}

echo
echo "== figures (median of $RUNS; targets from the issue)"
whole=$(for _ in $(seq "$RUNS"); do wall "$cli" evaluate --policy "$policy" --jsonl "$data/snapshots-$N.jsonl"; done | median)
printf '%-58s %10s s   target <= %s s\n' "whole process: $N snapshots JSONL in, decisions out" "$whole" \
    "$(awk "BEGIN { printf \"%.2f\", $N / 1000000 }")"
tofile() { "$cli" evaluate --policy "$policy" --jsonl "$data/snapshots-$N.jsonl" > "$data/decisions-$N.jsonl"; }
whole_file=$(for _ in $(seq "$RUNS"); do wall tofile; done | median)
printf '%-58s %10s s   target <= %s s\n' "  the same, decisions written to a file" "$whole_file" \
    "$(awk "BEGIN { printf \"%.2f\", $N / 1000000 }")"
figure() {  # figure MODE: decisions per second from the bench tool's last line
    "$bench" "$1" "$policy" "$data/snapshots-$N.jsonl" --passes "$RUNS" | tail -1 \
        | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["decisions_per_s"]))'
}
printf '%-58s %10s /s  target >= 1000000 /s\n' "in-process, one core, JSON decoding included" "$(figure inproc)"
printf '%-58s %10s /s  target >= 5000000 /s\n' "in-process, one core, Snapshot values already decoded" "$(figure decided)"
printf '%-58s %10s /s  (the plain way, for the split)\n' "  JSON to Snapshot values alone, one core" "$(figure decode)"
printf '%-58s %10s /s  (the plain way, for the split)\n' "  Decision values to JSON alone, one core" "$(figure encode)"
compile=$("$bench" compile policies/marketplace-v2.yaml | tail -1 | python3 -c 'import json,sys; print("%.3f" % (json.load(sys.stdin)["median_s"] * 1000))')
printf '%-58s %10s ms  target <= 1 ms\n' "load + check + compile policies/marketplace-v2.yaml" "$compile"
validate=$(for _ in $(seq "$RUNS"); do wall "$cli" validate policies/marketplace-v2.yaml; done | median)
printf '%-58s %10s s   target <= 0.030 s\n' "referral-policy validate, whole process" "$validate"

big=1000000
[[ -f $data/snapshots-$big.jsonl ]] || python3 "$peers/gen.py" --n "$big" --out "$data/snapshots-$big.jsonl"
rss=$( { /usr/bin/time -f '%M' "$cli" evaluate --policy "$policy" --jsonl "$data/snapshots-$big.jsonl" >/dev/null; } 2>&1 | tail -1)
printf '%-58s %10s MB  target <= 64 MB\n' "peak memory streaming $big snapshots" "$((rss / 1024))"

echo
echo "== scaling: deciding 20,000 snapshots (the policy's load time, measured on no input, taken off)"
python3 bench/scaling.py "$data" "$policy" | while read -r file rules; do
    t=$(for _ in 1 2 3 4 5; do wall "$cli" evaluate --policy "$rules" --jsonl "$file"; done | median)
    load=$(for _ in 1 2 3 4 5; do wall "$cli" evaluate --policy "$rules" --jsonl /dev/null; done | median)
    printf '%-58s %10s s   (%s s with loading)\n' "$(basename "$file" .jsonl), $(basename "$rules")" \
        "$(awk "BEGIN { printf \"%.3f\", $t - $load }")" "$t"
done
