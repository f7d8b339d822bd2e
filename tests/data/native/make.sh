#!/bin/sh
# Regenerates the expected outputs in this folder with the real mpy-cross v1.28.0 (run from this folder):
#   MPY_CROSS=/path/to/mpy-cross sh make.sh
# For each NAME.py and option set OPT it writes NAME.OPT.mpy, or NAME.OPT.err holding "exit N" and
# mpy-cross's stderr when it fails (the convention of ../shared/golden; "exit -6" is an mpy-cross abort).
# Option sets: march-x64 / march-x86 (decorated functions only), native-x64 / native-x86 (-X emit=native).
set -u
for f in *.py; do
  n=${f%.py}
  for opt in march-x64 march-x86 native-x64 native-x86; do
    case $opt in
      march-x64) args="-march=x64";; march-x86) args="-march=x86";;
      native-x64) args="-X emit=native -march=x64";; native-x86) args="-X emit=native -march=x86";;
    esac
    rm -f "$n.$opt.mpy" "$n.$opt.err"
    "$MPY_CROSS" $args -o "$n.$opt.mpy" "$f" 2>/tmp/mpy-cross-stderr
    code=$?
    if [ $code -ne 0 ]; then
      # a signal shows as 128+N in the shell; record it as Python's subprocess does (-N)
      [ $code -gt 128 ] && code=-$((code - 128))
      # (drop the shell's own "Aborted" report, which some shells write to the redirected stderr)
      rm -f "$n.$opt.mpy"; { echo "exit $code"; grep -v '^Aborted' /tmp/mpy-cross-stderr; } > "$n.$opt.err"
    fi
  done
done
