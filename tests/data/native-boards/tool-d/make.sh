#!/bin/sh
# Regenerates the reference listings here with the real tools/mpy-tool.py of v1.28.0 (run from this folder):
#   MPY_TOOL=/path/to/mpy-tool.py sh make.sh
# `mpy-tool.py -d NAME.OPT.mpy` run in the folder of the .mpy (so the listing names it as given), for the
# board back-ends' outputs of viper_boards.py (../) and the inline-assembler programs (../../inline-asm).
set -u
for f in ../viper_boards.*.mpy ../../inline-asm/thumb_all.*.mpy ../../inline-asm/xtensa_all.*.mpy ../../inline-asm/rv32_all.*.mpy ../../inline-asm/mixed_*.mpy; do
  b=$(basename "$f" .mpy)
  (cd "$(dirname "$f")" && python3 "$MPY_TOOL" -d "$b.mpy") > "$b.txt" 2>&1
done
