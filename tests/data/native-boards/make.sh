#!/bin/sh
# Regenerates the expected outputs in this folder with the real mpy-cross v1.28.0 (run from this folder):
#   MPY_CROSS=/path/to/mpy-cross sh make.sh
# Inputs: the programs here and those of ../native (x64/x86 cases), compiled for the board back-ends.
# For each NAME.py and option set OPT it writes NAME.OPT.mpy, or NAME.OPT.err holding "exit N" and
# mpy-cross's stderr when it fails (the convention of ../shared/golden; "exit -6" is an mpy-cross abort).
# Option sets: march-ARCH (decorated functions only) and native-ARCH (-X emit=native) for armv6 (ARM
# state), armv6m, armv7m, armv7emsp, armv7emdp, xtensa, xtensawin and rv32imc; the rv32imc
# ones with a -zba/-zcmp suffix add -march-flags.
set -u
OPTS="native-armv6 march-armv6 native-armv6m march-armv6m native-armv7m march-armv7m native-armv7emsp native-armv7emdp
native-xtensa march-xtensa native-xtensawin march-xtensawin native-rv32imc march-rv32imc
native-rv32imc-zba native-rv32imc-zcmp march-rv32imc-zba-zcmp native-rv32imc-zba-zcmp"
for f in ../native/*.py *.py; do
  n=$(basename "$f" .py)
  for opt in $OPTS; do
    kind=${opt%%-*}
    rest=${opt#*-}
    arch=${rest%%-*}
    flags=
    case $rest in
      *-zba-zcmp) flags=-march-flags=zba,zcmp;; *-zba) flags=-march-flags=zba;; *-zcmp) flags=-march-flags=zcmp;;
    esac
    if [ "$kind" = native ]; then args="-X emit=native -march=$arch $flags"; else args="-march=$arch $flags"; fi
    rm -f "$n.$opt.mpy" "$n.$opt.err"
    "$MPY_CROSS" $args -o "$n.$opt.mpy" "$f" 2>/tmp/mpy-cross-stderr
    code=$?
    if [ $code -ne 0 ]; then
      # a signal shows as 128+N in the shell; record it as Python's subprocess does (-N)
      [ $code -gt 128 ] && code=-$((code - 128))
      rm -f "$n.$opt.mpy"; { echo "exit $code"; grep -v '^Aborted' /tmp/mpy-cross-stderr; } > "$n.$opt.err"
    fi
  done
done
