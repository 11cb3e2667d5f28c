#!/usr/bin/env bash
# Instructions per decision, counted by callgrind: a figure that does not move with the load
# of a shared machine, for comparing two builds (before and after a change) in one session.
#
#   bench/instructions.sh [N]      N snapshots of each workload (default 5000)
#
# Counts PolicySet.appendDecision (JSON line in, decision line out: scan, decide, write) on
# the peer workload (bench/workload.yaml) and on the marketplace snapshots (policies/), then
# the whole `referral-policy evaluate --jsonl` process on the peer workload, per line (its two
# threads, reading and writing included; a run on no input is subtracted, so loading the
# policy is not counted). BEFORE=path/to/an/older/referral-policy counts that build's whole
# process on the same lines too (the issue's "no slower than before the redesign").
# Then `evaluate(json:)` (a Decision value: scan, decide, build the value, and free it) on the
# marketplace snapshots, and allocations (malloc) and atomic reference counts (swift_retain,
# swift_release) per decision for both ways: the benchmark's own loop counted with 3 passes
# and with 1, the difference divided by 2N (`evaluate(json:)` is inlined into that loop, and
# the value is freed there).
# Needs valgrind (Debian's package).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000}
peers=${PEERS:-../shared/bench/peers}
data=bench/data
mkdir -p "$data"
# Release, with Swift's standard library and Foundation linked in (the build to deploy the
# command with: a process starts without binding them at load, 24 -> 15 ms for `validate`).
release=(-c release --static-swift-stdlib)
swift build "${release[@]}" --product referral-policy-bench 2>&1 | tail -1
swift build "${release[@]}" --product referral-policy 2>&1 | tail -1
bin="$(swift build "${release[@]}" --show-bin-path)/referral-policy-bench"
cli="$(swift build "${release[@]}" --show-bin-path)/referral-policy"
# valgrind cannot read the Swift debug information; a stripped copy counts the same code.
stripped=$(mktemp)
empty=$(mktemp)
trap 'rm -f "$stripped" "$stripped".out "$stripped".log "$empty"' EXIT
strip_copy() {  # strip_copy BINARY: the stripped copy at $stripped
    cp "$1" "$stripped"
    strip --strip-debug "$stripped"
    chmod +x "$stripped"
}
strip_copy "$bin"
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

total() {  # total ARGS...: instructions of the whole process (every thread) on ARGS
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$stripped.out" \
        "$stripped" "$@" > /dev/null 2> "$stripped.log" || { cat "$stripped.log"; exit 1; }
    awk '/^totals:/ { print $2 }' "$stripped.out"
}
process() {  # process NAME BINARY: the whole process per line on the peer workload
    strip_copy "$2"
    local lines=$data/snapshots-$N.jsonl full none
    full=$(total evaluate --policy bench/workload.yaml --jsonl "$lines")
    none=$(total evaluate --policy bench/workload.yaml --jsonl "$empty")
    printf '%-40s %10d instructions per line\n' "$1" "$(((full - none) / $(wc -l < "$lines")))"
}
process "whole process, peer workload" "$cli"
[[ -z ${BEFORE:-} ]] || process "the same, $BEFORE" "$BEFORE"

strip_copy "$bin"
calls() {  # calls FILE NAMES...: each named function's calls, summed over its callers
    awk -v names="${*:2}" '
        BEGIN { n = split(names, list, " "); for (i = 1; i <= n; i++) want[list[i]] = 1 }
        /^c?fn=\(/ {
            match($0, /\([0-9]+\)/); id = substr($0, RSTART, RLENGTH)
            rest = substr($0, RSTART + RLENGTH); sub(/^ /, "", rest)
            if (rest != "") name[id] = rest
            if ($0 ~ /^cfn=/) callee = name[id]
            next
        }
        /^calls=/ { split(substr($0, 7), a, " "); if (callee in want) total[callee] += a[1] }
        END { for (i = 1; i <= n; i++) printf "%d ", total[list[i]] }' "$1"
}
loop() {  # loop MODE POLICY SNAPSHOTS PASSES: instructions, mallocs, retains, releases of the bench's MODE loop
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$stripped.out" \
        --toggle-collect="\$s21referral_policy_bench9BenchmarkO${#1}$1*" \
        "$stripped" "$1" "$2" "$3" --passes "$4" > /dev/null 2> "$stripped.log" || { cat "$stripped.log"; exit 1; }
    echo "$(awk '/^totals:/ { print $2 }' "$stripped.out") $(calls "$stripped.out" malloc swift_retain swift_release)"
}
perdecision() {  # perdecision NAME MODE POLICY SNAPSHOTS [instructions]
    local one three n
    read -ra one <<< "$(loop "$2" "$3" "$4" 1)"
    read -ra three <<< "$(loop "$2" "$3" "$4" 3)"
    n=$((2 * $(wc -l < "$4")))
    if [[ ${5:-} == instructions ]]; then
        printf '%-40s %10d instructions per decision\n' "$1" "$(((three[0] - one[0]) / n))"
    fi
    printf '%-40s %s per decision\n' "$1" "$(awk -v n="$n" -v m="$((three[1] - one[1]))" -v r="$((three[2] - one[2]))" \
        -v f="$((three[3] - one[3]))" 'BEGIN { printf "%.2f malloc, %.2f swift_retain, %.2f swift_release", m / n, r / n, f / n }')"
}
perdecision "evaluate(json:), marketplace (policies/)" inproc policies/ "$data/marketplace-$N.jsonl" instructions
perdecision "evaluate(json:), peer workload" inproc bench/workload.yaml "$data/snapshots-$N.jsonl" instructions
perdecision "appendDecision, marketplace" append policies/ "$data/marketplace-$N.jsonl"
perdecision "appendDecision, peer workload" append bench/workload.yaml "$data/snapshots-$N.jsonl"
