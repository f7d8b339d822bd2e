#!/bin/sh
# Regenerates the expected outputs in this folder with the real mpy-cross v1.28.0 (run from this folder):
#   MPY_CROSS=/path/to/mpy-cross sh make.sh
# For each NAME.py and option set OPT (default, O3, smallint63) it writes NAME.OPT.mpy, or NAME.OPT.err
# holding "exit N" and mpy-cross's stderr when it fails (the same convention as ../shared/golden).
set -u
for f in *.py; do
  n=${f%.py}
  for opt in default O3 smallint63; do
    case $opt in default) args="";; O3) args="-O3";; smallint63) args="-msmall-int-bits=63";; esac
    rm -f "$n.$opt.mpy" "$n.$opt.err"
    if "$MPY_CROSS" $args -o "$n.$opt.mpy" "$f" 2>/tmp/mpy-cross-stderr; then :; else
      code=$?; rm -f "$n.$opt.mpy"; { echo "exit $code"; cat /tmp/mpy-cross-stderr; } > "$n.$opt.err"
    fi
  done
done
