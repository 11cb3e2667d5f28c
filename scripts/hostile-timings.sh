#!/usr/bin/env bash
# Times `referral-policy validate` on hostile policy files (alias bomb, aliases of nested
# mappings used as keys, deep nesting, a 1 MiB file, a 20 KB line, tags, `%TAG`, merge keys,
# duplicate keys, NUL bytes, bad UTF-8, 48,000 unknown keys, …) as whole processes, and
# prints wall time and peak memory for each next to the targets of issue 11 and
# docs/limits.md: every one answers with a located diagnostic (exit 1 or 2) in under 2 s and
# 256 MB. The inputs of `Tests/ReferralPolicyTests/Inputs/hostile-policies/` are timed too.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product referral-policy 2>&1 | tail -1
bin="$(swift build -c release --show-bin-path)/referral-policy"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import sys, os
d = sys.argv[1]
base = open("policies/marketplace-v2.yaml").read()
bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]\n" for i in range(1, 12)) + "program: x\n"
cases = {
    "alias-bomb": bomb.encode(),
    "deep-flow": b"[" * 1_000_000,
    "deep-block": "\n".join(" " * i + f"k{i}:" for i in range(2000)).encode(),
    "large-file": (base + "# filler\n" * 120_000).encode(),
    "long-line": ("program: " + "x" * 1_000_000 + "\n").encode(),
    "empty": b"",
    "comments-only": b"# nothing\n" * 10,
    "list-root": b"- a\n- b\n",
    "two-documents": (base + "---\n" + base).encode(),
    "not-utf8": b"program: caf\xe9\n",
    "nul-byte": b"program: a\x00b\n",
    "tabs": b"program: a\nevents:\n\tearned: {}\n",
    "unclosed-bracket": b"program: [a, b\n",
    "unclosed-quote": b'program: "abc\n',
    "duplicate-keys": (base.replace("currency: USD", "currency: USD\ncurrency: EUR")).encode(),
    "python-tag": b"program: !!python/object:os.system x\n",
    "merge-key": b"base: &b {a: 1}\nprogram:\n  <<: *b\n",
    "huge-number": base.replace("max_rewards: 20", "max_rewards: 99999999999999999999999999").encode(),
    "too-many-decimals": base.replace("amount: 50.00", "amount: 50.001").encode(),
    "negative": base.replace("amount: 50.00", "amount: -50.00").encode(),
    "impossible-date": base.replace("from: 2025-07-01", "from: 2025-02-30").encode(),
    "unknown-currency": base.replace("currency: USD", "currency: XYZ").encode(),
    # Issue 11: many diagnostics (each used to cost a rescan of the text).
    "unknown-keys-48000": (base + "".join(f"k{i}: 1\n" for i in range(48_000))).encode(),
    "anchors-10000": ("program: x\nversion: '1'\n" + "".join(f"k{i}: &a{i} v\n" for i in range(10_000))).encode(),
    "keys-after-comments": (("# " + "c" * 78 + "\n") * 7_500 + "program: x\nversion: '1'\n"
                            + "".join(f"k{i}: 1\n" for i in range(40_000))).encode(),
    "duplicate-keys-150": ("program: x\n" + "".join(f"k{i}: 1\nk{i}: 2\n" for i in range(150))).encode(),
    "duplicate-keys-large-file": (base + "".join(f"k{i}: 1\nk{i}: 2\n" for i in range(30_000))).encode(),
}
import glob, shutil
for path in glob.glob("Tests/ReferralPolicyTests/Inputs/hostile-policies/*.yaml"):
    shutil.copy(path, os.path.join(d, "kept-" + os.path.basename(path)))
for name, data in cases.items():
    open(os.path.join(d, name + ".yaml"), "wb").write(data)
PY
# The machine may be shared: the time judged is the process's own CPU time (user + system);
# wall time is printed next to it.
printf '%-40s %6s %10s %10s %10s\n' "file" "exit" "cpu ms" "wall ms" "peak MB"
worst_ms=0; worst_mb=0; failed=0
for f in "$dir"/*.yaml; do
    name=$(basename "$f" .yaml)
    start=$(date +%s%N)
    status=0
    /usr/bin/time -f '%M %U %S' -o "$dir/rss" "$bin" validate "$f" >/dev/null 2>&1 || status=$?
    wall=$(( ($(date +%s%N) - start) / 1000000 ))
    read -r kb user sys < <(tail -1 "$dir/rss")
    mb=$(( kb / 1024 ))
    ms=$(python3 -c "print(round(($user + $sys) * 1000))")
    printf '%-40s %6s %10s %10s %10s\n' "$name" "$status" "$ms" "$wall" "$mb"
    (( ms > worst_ms )) && worst_ms=$ms
    (( mb > worst_mb )) && worst_mb=$mb
    [[ $status -eq 1 || $status -eq 2 ]] || { echo "FAIL $name: expected exit 1 or 2 (a diagnostic), got $status"; failed=1; }
    (( ms < 2000 )) || { echo "FAIL $name: ${ms} ms, target under 2000 ms"; failed=1; }
    (( mb < 256 )) || { echo "FAIL $name: ${mb} MB, target under 256 MB"; failed=1; }
    "$bin" validate --format json "$f" >"$dir/out.json" 2>/dev/null || true
    grep -q '"line"' "$dir/out.json" || grep -q 'bytes, more than the limit' "$dir/out.json" \
        || { echo "FAIL $name: no diagnostic with a line"; failed=1; }
done
echo "slowest ${worst_ms} ms of CPU (target < 2000 ms); largest ${worst_mb} MB peak memory (target < 256 MB)"
echo "(a file over the size limit has no line: it is refused whole, before it is read)"
exit $failed
