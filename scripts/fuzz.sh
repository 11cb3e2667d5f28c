#!/usr/bin/env bash
# Coverage-guided fuzzing of ReferralPolicy with libFuzzer and AddressSanitizer.
#
#   scripts/fuzz.sh [SECONDS]     # run each target for SECONDS (default 60)
#
# Targets (fuzz/*.swift):
#   policy-loading       policy text  -> diagnostics or a compiled policy, never a crash
#   snapshot-evaluation  snapshot bytes -> a decision or an error, the same answer twice
# Seeds come from policies/ and fixtures/; the growing corpus lives in .build-fuzz/corpus.
# A crash, hang or oracle failure stops the run with exit 1 and is copied to
# fuzz/regressions/<target>/ — commit it: FuzzRegressionTests replays every file there.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=.build-fuzz
mode=release

echo "fuzz: building the library with -sanitize=fuzzer,address"
swift build --scratch-path "$build" -c "$mode" \
    -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address \
    --target ReferralPolicy 2>&1 | tail -1
objects=("$build/$mode"/ReferralPolicy.build/*.o "$build/$mode"/Yams.build/*.o "$build/$mode"/CYaml.build/src/*.o)
mkdir -p "$build/bin"
for target in FuzzPolicyLoading:policy-loading FuzzSnapshotEvaluation:snapshot-evaluation; do
    swiftc -sanitize=fuzzer,address -parse-as-library -O "fuzz/${target%%:*}.swift" \
        -I "$build/$mode/Modules" -I "$build/checkouts/Yams/Sources/CYaml/include" \
        "${objects[@]}" -o "$build/bin/fuzz-${target#*:}" 2>&1 | grep -v "Cannot export local symbol" || true
done

seed() {  # seed TARGET: copy the seeds into the target's corpus
    local corpus="$build/corpus/$1"
    mkdir -p "$corpus"
    if [[ $1 == policy-loading ]]; then
        cp policies/*.yaml Tests/ReferralPolicyTests/Inputs/*.yaml "$corpus"/ 2>/dev/null || true
        find Tests/ReferralPolicyTests/Diagnostics -name '*.yaml' -exec cp {} "$corpus"/ \; 2>/dev/null || true
    else
        for f in fixtures/*/snapshot.json; do cp "$f" "$corpus/$(basename "$(dirname "$f")").json"; done
    fi
    if compgen -G "fuzz/regressions/$1/*" >/dev/null; then cp fuzz/regressions/"$1"/* "$corpus"/; fi
}

status=0
for name in policy-loading snapshot-evaluation; do
    seed "$name"
    artifacts="$build/artifacts/$name/"
    mkdir -p "$artifacts"
    echo "fuzz: $name for ${seconds}s"
    if ! ASAN_OPTIONS=detect_leaks=0 "$build/bin/fuzz-$name" -max_total_time="$seconds" -max_len=8192 -timeout=5 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts" "$build/corpus/$name" >"$build/$name.log" 2>&1; then
        status=1
        mkdir -p "fuzz/regressions/$name"
        cp "$artifacts"* "fuzz/regressions/$name/" 2>/dev/null || true
        echo "fuzz: $name FOUND A PROBLEM (log: $build/$name.log); inputs copied to fuzz/regressions/$name/"
        grep -E "ERROR|Fatal error|SUMMARY" "$build/$name.log" | head -5 || true
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/$name.log" | sed "s/^/fuzz: $name /" || true
done
exit "$status"
