// Lexer/parser errors against the real mpy-cross v1.28.0: the corpus's syntax_errors programs and the
// pyodide stdlib sources (default option set). Where mpy-cross failed in the lexer or parser (its
// traceback entry has no ", in <block>"), parse() must throw the identical text; where it failed later
// (a compile-stage error, which is the back-end's) or succeeded, parse() must succeed.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CompileError } from '../../src/compile/errors.js';
import { parse } from '../../src/compile/parser.js';
import { GOLDEN, REPO_ROOT, SHARED, sharedMissing } from '../helpers/paths.js';
import { readZip } from '../helpers/zip.js';

/** The stderr part of a .err file (its first line is "exit N"). */
function stderrOf(errFile: string): { exit: string; text: string } {
  const all = readFileSync(errFile, 'utf8');
  const nl = all.indexOf('\n');
  return { exit: all.slice(0, nl), text: all.slice(nl + 1) };
}

/** Whether mpy-cross's error came from the lexer/parser rather than the compiler. */
function isParseStage(text: string): boolean {
  const fileLine = text.split('\n').find((l) => l.startsWith('  File '));
  return fileLine === undefined || !fileLine.includes(', in ');
}

function outcome(src: Uint8Array, name: string): string {
  try {
    parse(src, name);
    return 'ok';
  } catch (e) {
    if (e instanceof CompileError) return e.format();
    throw e;
  }
}

test('corpus syntax_errors: lexer/parser errors are reported exactly as mpy-cross does', (t) => {
  const missing = sharedMissing('corpus/syntax_errors');
  if (missing) {
    t.skip(missing);
    return;
  }
  const dir = join(SHARED, 'corpus', 'syntax_errors');
  let checked = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.py')).sort()) {
    const err = join(dir, f.replace(/\.py$/, '.err'));
    if (!existsSync(err)) continue;
    const { exit, text } = stderrOf(err);
    assert.equal(exit, 'exit 1', f);
    const got = outcome(readFileSync(join(dir, f)), f);
    if (isParseStage(text)) {
      assert.equal(got, text, f);
      checked++;
    } else {
      // compile-stage error (e.g. "'return' outside function"): the parser must accept the file
      assert.equal(got, 'ok', `${f} has a compile-stage error, so it must parse`);
    }
  }
  assert.ok(checked >= 8, `only ${checked} parse-stage cases found`);
});

interface ManifestEntry {
  readonly sha256: string;
  readonly default?: string;
}

test('pyodide stdlib: parse-stage .err texts match; every other file parses', (t) => {
  const missing = sharedMissing('golden/pyodide-stdlib/manifest.json');
  const zipPath = join(REPO_ROOT, 'node_modules', 'pyodide', 'python_stdlib.zip');
  if (missing) {
    t.skip(missing);
    return;
  }
  if (!existsSync(zipPath)) {
    t.skip('node_modules/pyodide/python_stdlib.zip is absent (npm install)');
    return;
  }
  const manifest = JSON.parse(readFileSync(join(GOLDEN, 'manifest.json'), 'utf8')) as { files: Record<string, ManifestEntry> };
  const sources = new Map(readZip(readFileSync(zipPath)).map((e) => [e.name, e.data]));
  let parseErrors = 0;
  let parsed = 0;
  const failures: string[] = [];
  for (const [rel, entry] of Object.entries(manifest.files)) {
    const src = sources.get(rel);
    if (src === undefined || entry.default === undefined) continue;
    if (createHash('sha256').update(src).digest('hex') !== entry.sha256) continue;
    let expected = 'ok';
    if (entry.default === 'err') {
      const { text } = stderrOf(join(GOLDEN, 'mpy', 'default', rel.replace(/\.py$/, '.err')));
      if (isParseStage(text)) expected = text;
    }
    const got = outcome(src, rel);
    if (got !== expected) failures.push(`${rel}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
    if (expected === 'ok') parsed++;
    else parseErrors++;
  }
  assert.deepEqual(failures.slice(0, 10), []);
  assert.ok(parsed > 400 && parseErrors > 50, `parsed ${parsed}, parse errors ${parseErrors}`);
});
