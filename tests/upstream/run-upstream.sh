#!/usr/bin/env bash
# Runs MicroPython v1.28.0's own tests/run-tests.py with mpyts as the interpreter and compares the
# outcome with the checked-in known-failures list. Needs a local upstream checkout (not in CI):
#   tests/upstream/run-upstream.sh /path/to/micropython [dir ...]
# (e.g. the tree ../shared/tools/build-reference.sh unpacks). Default dirs: the issue's set.
# Prints a pass table per directory; exits 1 if a test fails that is not listed in known-failures.txt,
# and lists tests that now pass but are still listed (so the list can only shrink).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
mp=${1:?usage: run-upstream.sh /path/to/micropython-checkout [dir ...]}
shift
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=(basics float micropython misc unicode stress import cmdline)
results=$(mktemp -d)
# -d takes several directories at once (nargs="*"); repeating -d keeps only the last.
args=(-d "${dirs[@]}")
(
  cd "$mp/tests" || exit 2
  ulimit -n 1024
  MICROPY_MICROPYTHON="$repo/bin/micropython-mpyts" MICROPY_MPYCROSS="$repo/bin/mpy-cross-mpyts" \
    ./run-tests.py -j "$(nproc)" -r "$results" "${args[@]}" > "$results/log.txt" 2>&1
)
python3 - "$results/_results.json" "$here/known-failures.txt" <<'PY'
import json, sys, collections
res = json.load(open(sys.argv[1]))["results"]
known = {l.strip() for l in open(sys.argv[2]) if l.strip() and not l.startswith("#")}
per = collections.defaultdict(lambda: collections.Counter())
new_fail, fixed = [], []
for test, outcome, _reason in res:
    d = test.split("/")[0]
    per[d][outcome] += 1
    if outcome == "fail" and test not in known:
        new_fail.append(test)
    if outcome == "pass" and test in known:
        fixed.append(test)
print("| dir | pass | fail | skip |")
print("| --- | ---: | ---: | ---: |")
tot = collections.Counter()
for d in sorted(per):
    c = per[d]; tot.update(c)
    print(f"| {d} | {c['pass']} | {c['fail']} | {c['skip']} |")
print(f"| total | {tot['pass']} | {tot['fail']} | {tot['skip']} |")
if fixed:
    print("\nnow passing, remove from known-failures.txt:\n  " + "\n  ".join(sorted(fixed)))
if new_fail:
    print("\nnew failures (not in known-failures.txt):\n  " + "\n  ".join(sorted(new_fail)))
    sys.exit(1)
PY
