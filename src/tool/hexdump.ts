// mpy-tool -x: an annotated, colour-coded hex dump in which each qstr, constant object and function
// body is highlighted and named. Reproduces tools/mpy-tool.py's output exactly, ANSI codes included.
import type { MpySegment } from '../mpy/types.js';
import type { Printer } from './printer.js';
import { reprConst } from './pyrepr.js';

const WIDTH = 16;
const COL_OFF = '\x1b[0m';
const COL_TABLE: readonly (readonly [string, string])[] = [
  ['', ''], // META
  ['\x1b[0;31m', '\x1b[0;91m'], // QSTR
  ['\x1b[0;32m', '\x1b[0;92m'], // OBJ
  ['\x1b[0;34m', '\x1b[0;94m'], // CODE
];

/** The label mpy-tool shows for a segment: Python's str() of its name. */
export function segmentName(s: MpySegment): string {
  if (typeof s.name === 'string') return s.name;
  return s.name.kind === 'str' ? s.name.value : reprConst(s.name);
}

export function hexdump(p: Printer, data: Uint8Array, segments: readonly MpySegment[]): void {
  let curCol = '';
  let curColIndex = 0;
  let segIndex = 0;
  for (let offset = 0; offset < data.length; offset += WIDTH) {
    const n = Math.min(WIDTH, data.length - offset);
    let lineHex = curCol;
    let lineChr = curCol;
    let comment = '';
    for (let i = 0; i < n; i++) {
      for (let seg = segments[segIndex]; seg !== undefined; seg = segments[segIndex]) {
        if (offset + i === seg.start) {
          curCol = COL_TABLE[seg.kind]?.[curColIndex] ?? '';
          curColIndex = 1 - curColIndex;
          lineHex += curCol;
          lineChr += curCol;
          comment += ` ${curCol}${segmentName(seg)}${COL_OFF}`;
        }
        if (offset + i !== seg.end) break;
        curCol = '';
        lineHex += COL_OFF;
        lineChr += COL_OFF;
        segIndex++;
      }
      const b = data[offset + i] as number;
      if (i % 2 === 0) lineHex += ' ';
      lineHex += b.toString(16).padStart(2, '0');
      lineChr += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
    }
    if (curCol) {
      lineHex += COL_OFF;
      lineChr += COL_OFF;
    }
    const pad = ' '.repeat(Math.floor(((WIDTH - n) * 5) / 2));
    p.line(`${offset.toString(16).padStart(8, '0')}:${lineHex}${pad}  ${lineChr} ${comment}`);
  }
}

