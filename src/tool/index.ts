// mpyts tool: tools/mpy-tool.py's commands over in-memory files (browser-safe). The CLI in
// src/cli/tool.ts does the argument parsing and file I/O around this.
import { MpyFormatError, MpytsError } from '../core/errors.js';
import { readMpy } from '../mpy/reader.js';
import { SegmentKind, type MpyFile } from '../mpy/types.js';
import { disassembleModule } from './disasm.js';
import { hexdump, segmentName } from './hexdump.js';
import { FreezeError, freezeModules, type FreezeOptions } from './freeze.js';
import { mergeMpy } from './merge.js';
import { nameModule, type NamedModule } from './names.js';
import { JsonPrinter, TextPrinter, type Printer } from './printer.js';

export { mergeMpy } from './merge.js';
export { freezeModules, FreezeError, type FreezeOptions } from './freeze.js';
export { reprConst } from './pyrepr.js';

export interface ToolInput {
  /** The file name as given on the command line (printed by -d, used in error messages). */
  readonly path: string;
  readonly data: Uint8Array;
}

export interface ToolOptions {
  readonly hexdump?: boolean;
  readonly disassemble?: boolean;
  readonly json?: boolean;
  readonly merge?: boolean;
  /** -e BASE: write each segment to BASE_<n>_<source>_<KIND>_<name>.bin */
  readonly extract?: string;
  /** --extract-only: comma-separated kinds (meta, qstr, obj, code). */
  readonly extractOnly?: string;
  readonly archFlags?: number;
  /** -f: freeze to C, with its -q / -mlongint-impl / -mmpz-dig-size settings. */
  readonly freeze?: FreezeOptions;
}

export interface ToolResult {
  readonly stdout: string | Uint8Array;
  readonly stderr: string;
  readonly exitCode: number;
  /** Files to write: the merge output (path undefined = stdout) and extracted segments. */
  readonly files: readonly { readonly path: string | undefined; readonly data: Uint8Array }[];
}

const KIND_NAMES = ['META', 'QSTR', 'OBJ', 'CODE'] as const;

/** Runs mpy-tool's read/print/merge/extract steps; `output` is -o. */
export function runMpyTool(inputs: readonly ToolInput[], opts: ToolOptions, output?: string): ToolResult {
  const files: MpyFile[] = [];
  let nativeArch = 0;
  for (const input of inputs) {
    try {
      const f = readMpy(input.data);
      const arch = (f.featureByte >> 2) & 0x2f;
      if (arch) {
        if (nativeArch && nativeArch !== arch) throw new MpyFormatError('native architecture mismatch');
        nativeArch = arch;
      }
      files.push(f);
    } catch (e) {
      if (e instanceof MpytsError) return { stdout: '', stderr: `${input.path}: ${e.message}\n`, exitCode: 1, files: [] };
      throw e;
    }
  }
  const used = new Set<string>();
  const mods: NamedModule[] = files.map((f) => nameModule(f, used));

  let printer: TextPrinter | JsonPrinter = new TextPrinter();
  if (opts.json) printer = new JsonPrinter(opts.freeze ? 'c' : opts.hexdump ? 'stderr' : 'mpy');
  const p: Printer = printer;
  if (opts.hexdump) {
    mods.forEach((m, i) => hexdump(p, (inputs[i] as ToolInput).data, m.file.layout?.segments ?? []));
  }
  if (opts.disassemble) {
    if (opts.hexdump) p.line('');
    mods.forEach((m, i) => disassembleModule(p, m, (inputs[i] as ToolInput).path));
  }
  if (opts.freeze) {
    try {
      freezeModules(p, mods, inputs.map((i) => i.path), opts.freeze);
    } catch (e) {
      if (e instanceof FreezeError) return { stdout: '', stderr: e.message + '\n', exitCode: 1, files: [] };
      throw e;
    }
  }
  let stdout: string | Uint8Array = printer.text();
  const stderr = printer instanceof JsonPrinter ? printer.echo.map((l) => l + '\n').join('') : '';
  const out: { path: string | undefined; data: Uint8Array }[] = [];
  try {
    if (opts.merge) {
      const merged = mergeMpy(files.map((file, i) => ({ file, data: (inputs[i] as ToolInput).data })), opts.archFlags !== undefined ? { archFlags: opts.archFlags } : {});
      if (output === undefined) stdout = merged;
      else out.push({ path: output, data: merged });
    }
    if (opts.extract !== undefined) out.push(...extractSegments(inputs, files, opts.extract, opts.extractOnly));
  } catch (e) {
    if (e instanceof MpytsError) return { stdout, stderr: stderr + e.message + '\n', exitCode: 1, files: [] };
    throw e;
  }
  return { stdout, stderr, exitCode: 0, files: out };
}

function extractSegments(inputs: readonly ToolInput[], files: readonly MpyFile[], base: string, only: string | undefined) {
  const kinds = new Set<string>();
  if (only !== undefined) {
    for (const k of only.toUpperCase().split(',')) {
      if (!(KIND_NAMES as readonly string[]).includes(k)) throw new MpytsError(`unknown segment kind "${k}"`);
      kinds.add(k);
    }
  }
  const picked: { data: Uint8Array; source: string; kind: SegmentKind; name: string; start: number; end: number }[] = [];
  files.forEach((f, i) => {
    for (const s of f.layout?.segments ?? []) {
      if (kinds.size && !kinds.has(KIND_NAMES[s.kind])) continue;
      picked.push({ data: (inputs[i] as ToolInput).data, source: f.qstrs[0]?.str ?? '', kind: s.kind, name: segmentName(s), start: s.start, end: s.end });
    }
  });
  const width = String(picked.length).length;
  const sanitise = (s: string) => s.replace(/[^a-zA-Z0-9_.-]/gu, '_');
  return picked.map((s, n) => ({
    path: `${base}_${String(n).padStart(width, '0')}_${sanitise(s.source)}_${KIND_NAMES[s.kind]}_${sanitise(s.name)}.bin`,
    data: s.data.slice(s.start, s.end),
  }));
}
