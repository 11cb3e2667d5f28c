#!/usr/bin/env bash
# Times `referral-policy validate` on hostile policy files (alias bomb, deep nesting, a
# 1 MiB file, a 20 KB line, tags, merge keys, NUL bytes, bad UTF-8, …) as whole processes,
# and prints wall time and peak memory for each next to the targets of docs/limits.md:
# every one answers with a diagnostic (exit 1) within a second, in bounded memory.
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
}
for name, data in cases.items():
    open(os.path.join(d, name + ".yaml"), "wb").write(data)
PY
printf '%-20s %6s %10s %10s\n' "file" "exit" "wall ms" "peak MB"
worst_ms=0; worst_mb=0
for f in "$dir"/*.yaml; do
    name=$(basename "$f" .yaml)
    start=$(date +%s%N)
    status=0
    /usr/bin/time -f '%M' -o "$dir/rss" "$bin" validate "$f" >/dev/null 2>&1 || status=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    mb=$(( $(tail -1 "$dir/rss") / 1024 ))
    printf '%-20s %6s %10s %10s\n' "$name" "$status" "$ms" "$mb"
    (( ms > worst_ms )) && worst_ms=$ms
    (( mb > worst_mb )) && worst_mb=$mb
    [[ $status -eq 1 ]] || { echo "FAIL $name: expected exit 1 (a diagnostic), got $status"; exit 1; }
done
echo "slowest ${worst_ms} ms (target < 1000 ms); largest ${worst_mb} MB peak memory"
