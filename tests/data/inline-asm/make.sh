#!/bin/sh
# Regenerates the expected outputs in this folder with the real mpy-cross v1.28.0 (run from this folder):
#   MPY_CROSS=/path/to/mpy-cross sh make.sh
# For each NAME.py and option set OPT it writes NAME.OPT.mpy, or NAME.OPT.err holding "exit N" and
# mpy-cross's stderr when it fails (the convention of ../shared/golden; "exit -6" is an mpy-cross abort).
# thumb_* files are compiled for the Thumb architectures, xtensa_* for both Xtensa ABIs, rv32_* for
# rv32imc without and with Zba; the *_all.py programs also for every other architecture (the
# assembler follows -march, not the decorator); mixed_* also with -X emit=native.
# Option sets: ARCH (-march=ARCH), rv32imc-zba (-march-flags=zba), native-ARCH (-X emit=native).
set -u
THUMB="armv6 armv6m armv7m armv7emsp armv7emdp"
XTENSA="xtensa xtensawin"
RV32="rv32imc rv32imc-zba"
run() { # run NAME OPT
  n=$1; opt=$2
  case $opt in
    native-*) a=${opt#native-}; args="-X emit=native -march=$a";;
    rv32imc-zba) args="-march=rv32imc -march-flags=zba";;
    *) args="-march=$opt";;
  esac
  rm -f "$n.$opt.mpy" "$n.$opt.err"
  "$MPY_CROSS" $args -o "$n.$opt.mpy" "$n.py" 2>/tmp/mpy-cross-stderr
  code=$?
  if [ $code -ne 0 ]; then
    # a signal shows as 128+N in the shell; record it as Python's subprocess does (-N)
    [ $code -gt 128 ] && code=-$((code - 128))
    rm -f "$n.$opt.mpy"; { echo "exit $code"; grep -v '^Aborted' /tmp/mpy-cross-stderr; } > "$n.$opt.err"
  fi
}
for f in *.py; do
  n=${f%.py}
  case $n in
    *_all) opts="$THUMB $XTENSA $RV32";;
    thumb_*) opts=$THUMB;;
    xtensa_*) opts=$XTENSA;;
    rv32_*) opts=$RV32;;
    mixed_thumb) opts="$THUMB native-armv6 native-armv6m native-armv7m native-armv7emdp";;
    mixed_xtensa) opts="$XTENSA native-xtensa native-xtensawin";;
    mixed_rv32) opts="$RV32 native-rv32imc";;
    *) opts="";;
  esac
  for opt in $opts; do run "$n" "$opt"; done
done
