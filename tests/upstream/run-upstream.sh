#!/usr/bin/env bash
# Runs MicroPython v1.28.0's own tests/run-tests.py with mpyts as the interpreter and compares the
# outcome with the checked-in known-failures list. Needs a local upstream checkout (not in CI):
#   tests/upstream/run-upstream.sh /path/to/micropython [dir ...]
# (e.g. the tree ../shared/tools/build-reference.sh unpacks). Default dirs: the VM issue's set plus extmod.
# With REF_MICROPYTHON=/path/to/unix/micropython the same tests also run on the real unix port, and the
# table gains the denominator the conformance target uses: tests the unix port passes.
# Prints a pass table per directory; exits 1 if a test fails that is not listed in known-failures.txt,
# and lists tests that now pass but are still listed (so the list can only shrink).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
mp=${1:?usage: run-upstream.sh /path/to/micropython-checkout [dir ...]}
shift
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=(basics float micropython misc unicode stress import cmdline extmod)
results=$(mktemp -d)
# -d takes several directories at once (nargs="*"); repeating -d keeps only the last.
args=(-d "${dirs[@]}")
run() { # $1 interpreter, $2 result dir
  (
    cd "$mp/tests" || exit 2
    ulimit -n 1024
    MICROPY_MICROPYTHON="$1" MICROPY_MPYCROSS="$repo/bin/mpy-cross-mpyts" \
      ./run-tests.py -j "$(nproc)" -r "$2" "${args[@]}" > "$2/log.txt" 2>&1
  )
}
mkdir -p "$results/mpyts" "$results/ref"
run "$repo/bin/micropython-mpyts" "$results/mpyts"
ref_json=""
if [ -n "${REF_MICROPYTHON:-}" ]; then
  run "$REF_MICROPYTHON" "$results/ref"
  ref_json="$results/ref/_results.json"
fi
python3 - "$results/mpyts/_results.json" "$here/known-failures.txt" "$ref_json" <<'PY'
import json, sys, collections
res = json.load(open(sys.argv[1]))["results"]
known = {l.strip() for l in open(sys.argv[2]) if l.strip() and not l.startswith("#")}
ref = {t: o for t, o, _ in json.load(open(sys.argv[3]))["results"]} if sys.argv[3] else None
per = collections.defaultdict(lambda: collections.Counter())
new_fail, fixed = [], []
for test, outcome, _reason in res:
    d = test.split("/")[0]
    per[d][outcome] += 1
    if ref is not None and ref.get(test) == "pass":
        per[d]["ref"] += 1
        per[d]["both"] += outcome == "pass"
    if outcome == "fail" and test not in known:
        new_fail.append(test)
    if outcome == "pass" and test in known:
        fixed.append(test)
cols = ["pass", "fail", "skip"] + (["unix passes", "mpyts passes of those"] if ref is not None else [])
print("| dir | " + " | ".join(cols) + " |")
print("| --- |" + " ---: |" * len(cols))
tot = collections.Counter()
def row(name, c):
    cells = [c["pass"], c["fail"], c["skip"]] + ([c["ref"], f'{c["both"]} ({100 * c["both"] / max(c["ref"], 1):.1f}%)'] if ref is not None else [])
    print(f"| {name} | " + " | ".join(str(x) for x in cells) + " |")
for d in sorted(per):
    tot.update(per[d]); row(d, per[d])
row("total", tot)
if ref is not None:
    gap = sorted(t for t, o, _ in res if ref.get(t) == "pass" and o != "pass")
    print("\nthe unix port passes, mpyts does not (fail or skip):\n  " + "\n  ".join(gap))
if fixed:
    print("\nnow passing, remove from known-failures.txt:\n  " + "\n  ".join(sorted(fixed)))
if new_fail:
    print("\nnew failures (not in known-failures.txt):\n  " + "\n  ".join(sorted(new_fail)))
    sys.exit(1)
PY
