#!/usr/bin/env bash
# The cost of `referral-policy diff` next to one `evaluate` of the same input (target: at most
# 2.2 times the time), and its memory at N and 2N snapshots (target: flat in N).
#
#   bench/diff.sh [N]     N snapshots (default 200000)
#
# The history is bench/gen_marketplace.py's when that generator is there, else
# bench/gen_diff_history.py's; the new policy is a changed copy of policies/ (a larger starter
# tier, more client cash, a shorter client window), so a good share of the records change.
# Figures are medians of RUNS runs (default 3); the machine is shared, so compare one session's.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200000}
RUNS=${RUNS:-3}
data=bench/data
mkdir -p "$data/diff-new"

# Release, with Swift's standard library and Foundation linked in (the build to deploy the
# command with: a process starts without binding them at load, 24 -> 15 ms for `validate`).
release=(-c release --static-swift-stdlib)
swift build "${release[@]}" --product referral-policy 2>&1 | tail -1
cli="$(swift build "${release[@]}" --show-bin-path)/referral-policy"

history() {  # history N FILE
    if [[ -f bench/gen_marketplace.py ]]; then
        python3 bench/gen_marketplace.py --n "$1" --out "$2"
    else
        python3 bench/gen_diff_history.py --n "$1" --out "$2"
    fi
}
for n in "$N" $((2 * N)); do
    [[ -f $data/diff-history-$n.jsonl ]] || history "$n" "$data/diff-history-$n.jsonl"
done
cp policies/marketplace-v1.yaml "$data/diff-new/"
sed -e 's/            amount: 25.00/            amount: 30.00/' -e 's/        amount: 100.00/        amount: 120.00/' \
    -e '/^  client:/,/^    requirements:/ s/      days: 180/      days: 120/' policies/marketplace-v2.yaml > "$data/diff-new/marketplace-v2.yaml"

# measure LABEL CMD...: median wall seconds and peak memory (MB) of RUNS runs, output discarded.
measure() {
    local label=$1
    shift
    local times=() mems=()
    for _ in $(seq "$RUNS"); do
        local out
        /usr/bin/time -o "$data/.time" -f '%e %M' "$@" > /dev/null 2> /dev/null || true
        out=$(tail -1 "$data/.time")
        times+=("${out% *}")
        mems+=("${out#* }")
    done
    local t m
    t=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
    m=$(printf '%s\n' "${mems[@]}" | sort -n | tail -1)
    printf '%-34s %8.2f s %8.1f MB\n' "$label" "$t" "$(echo "$m / 1024" | bc -l)"
    echo "$t" > "$data/.last"
}

echo "== $N snapshots ($(du -h "$data/diff-history-$N.jsonl" | cut -f1)), $(nproc) cores, median of $RUNS"
measure "evaluate --policy policies/" "$cli" evaluate --policy policies/ "$data/diff-history-$N.jsonl"
evaluate=$(cat "$data/.last")
measure "diff --format json" "$cli" diff --base policies/ --policy "$data/diff-new" --format json "$data/diff-history-$N.jsonl"
diff=$(cat "$data/.last")
measure "diff --format html --records" "$cli" diff --base policies/ --policy "$data/diff-new" --format html \
    --records "$data/diff-records.jsonl" "$data/diff-history-$N.jsonl"
printf 'diff / evaluate: %.2fx (target at most 2.2x)\n' "$(echo "$diff / $evaluate" | bc -l)"
echo "changed referrals: $(wc -l < "$data/diff-records.jsonl") of $N"
echo "== memory at 2N = $((2 * N))"
measure "diff --format json (2N)" "$cli" diff --base policies/ --policy "$data/diff-new" --format json "$data/diff-history-$((2 * N)).jsonl"
