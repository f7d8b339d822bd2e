// Differential: each program runs through the mpyts VM (compile() + createVM, in-process) and through the
// official wasm MicroPython (@micropython/micropython-webassembly-pyscript), and the two must print the
// same stdout (stderr the program writes itself included) and end with the same exception line, if any.
//
// Programs: ../shared/corpus/features (minus the exclusions below, each with its reason) and our own
// tests/differential/programs/*.py (written for this test; when written, each one's output under mpyts was
// checked against the real unix port, so agreement here means agreement with both). The wasm build is
// v1.27 and a different port, so some differences are legitimate: vm-wasm-known-differences.txt beside
// this file lists them (program + reason). The test fails on a difference not listed and on a listed
// program that now agrees, so the list stays honest.
//
// MPYTS_DIFF_VERBOSE=1 prints the first differing line of every differing program.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createNodeHost } from '../../src/cli/node-host.js';
import { compileModule } from '../../src/compile/index.js';
import { writeMpy } from '../../src/mpy/writer.js';
import { createVM } from '../../src/vm/index.js';
import { REPO_ROOT, SHARED, sharedMissing } from '../helpers/paths.js';
import { runInWasm, WASM_HEAP } from '../helpers/wasm-mp.js';

const OWN_DIR = join(REPO_ROOT, 'tests', 'differential', 'programs');
const CORPUS_DIR = join(SHARED, 'corpus', 'features');
const KNOWN_FILE = join(REPO_ROOT, 'tests', 'differential', 'vm-wasm-known-differences.txt');

/** Corpus programs not compared, and why. */
const CORPUS_EXCLUDED: ReadonlyArray<readonly [RegExp, string]> = [
  [/_settrace_/, 'sys.settrace needs the settrace build; neither the standard nor the wasm port has it'],
  [/^12[1-6]_/, '@micropython.native/viper need an architecture (-march); the wasm port has no native emitter'],
  [/^119_/, 'imports sibling files from features/, which the wasm filesystem does not hold'],
];

interface Outcome {
  /** Everything printed, stdout and the program's own stderr writes interleaved (traceback removed). */
  readonly output: string;
  /** The uncaught exception's last traceback line ('' when the program ended normally). */
  readonly exception: string;
}

const TRACEBACK = 'Traceback (most recent call last):\n';

function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.length > 0);
  return lines[lines.length - 1] ?? '';
}

function runInVm(source: string, fileName: string, cwd: string): Outcome {
  let output = '';
  const collect = (s: string): void => {
    output += s;
  };
  const host = createNodeHost({ stdout: collect, stderr: collect, cwd, stdin: '' });
  // Wired as `mpyts run` wires it: eval/exec/compile() need the mode, and the heap is the wasm runner's.
  const vm = createVM({
    host,
    compile: (src, name, mode, optimize, emit) =>
      writeMpy(compileModule(src, {
        fileName: name, mode: mode === undefined || mode === 'exec' ? 'file' : mode, optimize: optimize ?? 0, forVm: true, emit: emit ?? 'bytecode',
      })),
    argv: [fileName],
    heapSize: WASM_HEAP,
  });
  const code = vm.runSource(source, fileName);
  if (code === 0) return { output, exception: '' };
  // The uncaught exception's traceback is the last thing written (to stderr).
  const at = output.lastIndexOf(TRACEBACK);
  if (at < 0) return { output, exception: `exit ${code}` };
  return { output: output.slice(0, at), exception: lastLine(output.slice(at)) };
}

async function runWasm(source: string): Promise<Outcome> {
  const r = await runInWasm(source);
  // SystemExit reaches JS as an error too; the VM reports it as an exit code, not a traceback.
  return { output: r.output, exception: r.error === undefined ? '' : lastLine(r.error) };
}

function firstDifference(a: Outcome, b: Outcome): string {
  if (a.output !== b.output) {
    const al = a.output.split('\n');
    const bl = b.output.split('\n');
    let i = 0;
    while (i < al.length && al[i] === bl[i]) i++;
    return `line ${i + 1}: mpyts ${JSON.stringify(al[i])} vs wasm ${JSON.stringify(bl[i])}`;
  }
  return `exception: mpyts ${JSON.stringify(a.exception)} vs wasm ${JSON.stringify(b.exception)}`;
}

function readKnown(): Map<string, string> {
  const known = new Map<string, string>();
  if (!existsSync(KNOWN_FILE)) return known;
  for (const raw of readFileSync(KNOWN_FILE, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(\S+)\s+#\s*(\S.*)$/.exec(line);
    assert.ok(m, `known-differences entry needs "<program> # <reason>": ${line}`);
    known.set(m[1] as string, m[2] as string);
  }
  return known;
}

interface Program {
  readonly id: string;
  readonly dir: string;
  readonly file: string;
}

function listPrograms(): Program[] {
  const own = readdirSync(OWN_DIR).filter((f) => f.endsWith('.py')).sort()
    .map((f) => ({ id: `programs/${f}`, dir: OWN_DIR, file: f }));
  if (sharedMissing('corpus/features')) return own;
  const corpus = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.py') && !CORPUS_EXCLUDED.some(([re]) => re.test(f))).sort()
    .map((f) => ({ id: `corpus/${f}`, dir: CORPUS_DIR, file: f }));
  return [...corpus, ...own];
}

test('mpyts VM and wasm MicroPython print the same', async (t) => {
  const missing = sharedMissing('corpus/features');
  if (missing) t.diagnostic(`corpus skipped: ${missing}; own programs still run`);
  const known = readKnown();
  const verbose = process.env.MPYTS_DIFF_VERBOSE === '1';
  const programs = listPrograms();
  const unexpected: string[] = [];
  const nowAgree: string[] = [];
  let printed = 0;
  for (const p of programs) {
    const source = readFileSync(join(p.dir, p.file), 'utf8');
    const vm = runInVm(source, p.file, p.dir);
    const wasm = await runWasm(source);
    const same = vm.output === wasm.output && vm.exception === wasm.exception;
    if (vm.output.length > 0 || vm.exception !== '') printed++;
    if (!same && verbose) console.log(`${p.id}: ${firstDifference(vm, wasm)}`);
    if (!same && !known.has(p.id)) unexpected.push(`${p.id}: ${firstDifference(vm, wasm)}`);
    if (same && known.has(p.id)) nowAgree.push(p.id);
  }
  // Entries for corpus programs cannot be checked without the corpus; the rest must name a program.
  const ids = new Set(programs.map((p) => p.id));
  const stale = [...known.keys()].filter((id) => !ids.has(id) && (id.startsWith('programs/') || !missing));
  t.diagnostic(`vm vs wasm: ${programs.length} programs, ${unexpected.length} unexpected differences, ${known.size} known`);
  // Guard against a vacuous pass (nothing ran, or nothing printed).
  assert.ok(programs.length >= 15, `only ${programs.length} programs`);
  assert.ok(printed >= programs.length - 3, `only ${printed} programs printed or raised anything`);
  const problems = [
    ...unexpected.map((u) => `not in ${KNOWN_FILE.slice(REPO_ROOT.length + 1)}: ${u}`),
    ...nowAgree.map((id) => `listed as a known difference but now agrees (remove it): ${id}`),
    ...stale.map((id) => `known-differences entry names no program: ${id}`),
  ];
  assert.deepEqual(problems, []);
});
