// The lexer against MicroPython v1.28.0's behaviour: token kinds/lines/columns, indentation, literal
// decoding, the f-string and t-string rewrites, number parsing (bit-exact with the reference's x87
// long-double algorithm) and the errors the lexer itself raises.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDecimalLiteral, parseIntegerLiteral, tokenize, type Token } from '../../src/compile/lexer.js';
import { CompileError } from '../../src/compile/errors.js';
import { Tok, tokName } from '../../src/compile/tokens.js';

const dec = new TextDecoder();
const enc = new TextEncoder();

/** "KIND" or "KIND:text" per token (text for names, strings and numbers), END excluded. */
function kinds(src: string | Uint8Array, opts = {}): string[] {
  return tokenize(src, 't.py', opts)
    .filter((t) => t.kind !== Tok.END)
    .map((t) => (t.data.length > 0 && t.kind >= Tok.NAME && t.kind <= Tok.BYTES ? `${tokName(t.kind)}:${dec.decode(t.data)}` : tokName(t.kind)));
}

function tok(src: string, i: number): Token {
  const t = tokenize(src)[i];
  assert.ok(t);
  return t;
}

test('simple statement: kinds, lines, columns', () => {
  const toks = tokenize('x = a.b(1)\n');
  assert.deepEqual(
    toks.map((t) => [tokName(t.kind), t.line, t.column]),
    [
      ['NAME', 1, 1], ['DEL_EQUAL', 1, 3], ['NAME', 1, 5], ['DEL_PERIOD', 1, 6], ['NAME', 1, 7],
      ['DEL_PAREN_OPEN', 1, 8], ['INTEGER', 1, 9], ['DEL_PAREN_CLOSE', 1, 10], ['NEWLINE', 1, 11], ['END', 2, 1],
    ],
  );
});

test('operators: longest match, and ! alone is invalid', () => {
  assert.deepEqual(kinds('a <<= b >>= c ** d //= e -> f := g != h ... .'), [
    'NAME:a', 'DEL_DBL_LESS_EQUAL', 'NAME:b', 'DEL_DBL_MORE_EQUAL', 'NAME:c', 'OP_DBL_STAR', 'NAME:d',
    'DEL_DBL_SLASH_EQUAL', 'NAME:e', 'DEL_MINUS_MORE', 'NAME:f', 'OP_ASSIGN', 'NAME:g', 'OP_NOT_EQUAL', 'NAME:h',
    'ELLIPSIS', 'DEL_PERIOD', 'NEWLINE',
  ]);
  assert.deepEqual(kinds('a ! b'), ['NAME:a', 'INVALID', 'NAME:b', 'NEWLINE']);
  assert.deepEqual(kinds('..'), ['DEL_PERIOD', 'DEL_PERIOD', 'NEWLINE']);
  assert.deepEqual(kinds('$?`'), ['INVALID', 'INVALID', 'INVALID', 'NEWLINE']);
});

test('keywords; __debug__ depends on the optimisation level', () => {
  assert.deepEqual(kinds('async await None nonlocal Nonex'), ['KW_ASYNC', 'KW_AWAIT', 'KW_NONE', 'KW_NONLOCAL', 'NAME:Nonex', 'NEWLINE']);
  assert.deepEqual(kinds('__debug__'), ['KW_TRUE', 'NEWLINE']);
  assert.deepEqual(kinds('__debug__', { optimize: 2 }), ['KW_FALSE', 'NEWLINE']);
});

test('indentation: INDENT/DEDENT, tabs to multiples of 8, mismatch, first-line indent', () => {
  assert.deepEqual(kinds('if x:\n    y\nz\n'), [
    'KW_IF', 'NAME:x', 'DEL_COLON', 'NEWLINE', 'INDENT', 'NAME:y', 'NEWLINE', 'DEDENT', 'NAME:z', 'NEWLINE',
  ]);
  // a tab is 8 columns: "\t" and 8 spaces are the same level
  assert.deepEqual(kinds('if x:\n\ty\n        z\n'), [
    'KW_IF', 'NAME:x', 'DEL_COLON', 'NEWLINE', 'INDENT', 'NAME:y', 'NEWLINE', 'NAME:z', 'NEWLINE', 'DEDENT',
  ]);
  assert.deepEqual(kinds('if x:\n    y\n  z\n'), [
    'KW_IF', 'NAME:x', 'DEL_COLON', 'NEWLINE', 'INDENT', 'NAME:y', 'DEDENT_MISMATCH', 'DEDENT', 'NAME:z', 'NEWLINE',
  ]);
  assert.equal(tok('  x = 1\n', 0).kind, Tok.INDENT);
  // blank lines, comment-only lines and a form feed do not count
  assert.deepEqual(kinds('if x:\n    y\n\n  # c\n    z\n'), [
    'KW_IF', 'NAME:x', 'DEL_COLON', 'NEWLINE', 'INDENT', 'NAME:y', 'NEWLINE', 'NAME:z', 'NEWLINE', 'DEDENT',
  ]);
});

test('newlines: CR and CRLF, implicit joining in brackets, backslash continuation, missing final newline', () => {
  assert.deepEqual(kinds('a\r\nb\rc'), ['NAME:a', 'NEWLINE', 'NAME:b', 'NEWLINE', 'NAME:c', 'NEWLINE']);
  assert.deepEqual(kinds('(a,\n b)\nc \\\n d'), [
    'DEL_PAREN_OPEN', 'NAME:a', 'DEL_COMMA', 'NAME:b', 'DEL_PAREN_CLOSE', 'NEWLINE', 'NAME:c', 'NAME:d', 'NEWLINE',
  ]);
  const t = tokenize('a\nb');
  assert.deepEqual(t.map((x) => [tokName(x.kind), x.line]), [['NAME', 1], ['NEWLINE', 1], ['NAME', 2], ['NEWLINE', 2], ['END', 3]]);
  assert.deepEqual(kinds(''), []);
});

test('string literals: prefixes, escapes, concatenation, raw, bytes', () => {
  assert.deepEqual(kinds(`'a' "b" '''c'''`), ['STRING:abc', 'NEWLINE']);
  assert.equal(dec.decode(tok(`'\\x41\\101\\1\\u00e9\\U0001F600\\q\\n'`, 0).data), 'AA\x01é😀\\q\n');
  assert.equal(dec.decode(tok(`r'\\n\\''`, 0).data), "\\n\\'");
  assert.deepEqual([...tok(`b'\\xff\\u12'`, 0).data], [0xff, 0x5c, 0x75, 0x31, 0x32]);
  assert.deepEqual([...tok(`rb'\\x'`, 0).data], [0x5c, 0x78]);
  assert.equal(dec.decode(tok(`'a\\\nb'`, 0).data), 'ab');
  // str and bytes do not concatenate: two tokens
  assert.deepEqual(kinds(`'a' b'b'`), ['STRING:a', 'BYTES:b', 'NEWLINE']);
  // raw UTF-8 passes through byte for byte
  assert.deepEqual([...tok("'é'", 0).data], [0xc3, 0xa9]);
});

test('string errors: unterminated, bad escapes, out-of-range, \\N', () => {
  assert.equal(tok(`'abc\n`, 0).kind, Tok.LONELY_STRING_OPEN);
  assert.equal(tok(`'''abc\n`, 0).kind, Tok.LONELY_STRING_OPEN);
  assert.equal(tok(`'\\x4g'`, 0).kind, Tok.INVALID);
  // a short \x escape swallows the closing quote, so the literal never ends
  assert.equal(tok(`'\\x4'`, 0).kind, Tok.LONELY_STRING_OPEN);
  assert.equal(tok(`'\\U00110000'`, 0).kind, Tok.INVALID);
  assert.equal(tok(`b'\\777'`, 0).kind, Tok.INVALID);
  assert.throws(
    () => tokenize(`x = '\\N{DASH}'`),
    (e: unknown) => e instanceof CompileError && e.format() === 'NotImplementedError: unicode name escapes\n',
  );
});

test('f-strings are rewritten into str.format calls at lex time', () => {
  assert.deepEqual(kinds(`f'a{b!r:>{w}} {c=}'`), [
    'STRING:a{!r:>{}} c={}', 'DEL_PERIOD', 'NAME:format', 'DEL_PAREN_OPEN',
    'DEL_PAREN_OPEN', 'NAME:b', 'DEL_PAREN_CLOSE', 'DEL_COMMA',
    'DEL_PAREN_OPEN', 'NAME:w', 'DEL_PAREN_CLOSE', 'DEL_COMMA',
    'DEL_PAREN_OPEN', 'NAME:c', 'DEL_PAREN_CLOSE', 'DEL_COMMA', 'DEL_PAREN_CLOSE', 'NEWLINE',
  ]);
  // adjacent literals share one .format(); {{ stays for str.format; no fields still calls .format()
  assert.deepEqual(kinds(`f'{a}' 'x{{' f"{b}"`), [
    'STRING:{}x{{{}', 'DEL_PERIOD', 'NAME:format', 'DEL_PAREN_OPEN', 'DEL_PAREN_OPEN', 'NAME:a', 'DEL_PAREN_CLOSE',
    'DEL_COMMA', 'DEL_PAREN_OPEN', 'NAME:b', 'DEL_PAREN_CLOSE', 'DEL_COMMA', 'DEL_PAREN_CLOSE', 'NEWLINE',
  ]);
  assert.deepEqual(kinds(`f'x'`), ['STRING:x', 'DEL_PERIOD', 'NAME:format', 'DEL_PAREN_OPEN', 'DEL_PAREN_CLOSE', 'NEWLINE']);
  // "!=" inside a field is an operator; "!z" is not a conversion and gives an invalid token
  assert.ok(kinds(`f'{a!=b}'`).includes('OP_NOT_EQUAL'));
  assert.ok(kinds(`f'{a!z}'`).includes('INVALID'));
  // empty field
  assert.equal(tok(`f'{}'`, 0).kind, Tok.MALFORMED_FSTRING);
  // the injected text keeps the line of the literal
  const t = tokenize(`x = f'{a}'\ny = 1\n`);
  assert.ok(t.filter((x) => x.kind === Tok.NAME && dec.decode(x.data) === 'a').every((x) => x.line === 1));
});

test('t-strings are rewritten into __template__(...) calls', () => {
  assert.deepEqual(kinds(`t'hi {name}!'`), [
    'NAME:__template__', 'DEL_PAREN_OPEN', 'DEL_PAREN_OPEN', 'STRING:hi ', 'DEL_COMMA', 'STRING:!', 'DEL_COMMA',
    'DEL_PAREN_CLOSE', 'DEL_COMMA', 'DEL_PAREN_OPEN', 'NAME:name', 'DEL_PAREN_CLOSE', 'DEL_COMMA', 'STRING:name',
    'DEL_COMMA', 'KW_NONE', 'DEL_COMMA', 'STRING', 'DEL_COMMA', 'DEL_PAREN_CLOSE', 'NEWLINE',
  ]);
  // conversion and format spec become arguments; a lone '}' is malformed
  const k = kinds(`t'{a!r:>3}'`);
  assert.ok(k.includes('STRING:r') && k.includes('STRING:>3'));
  assert.equal(tok(`t'x}y'`, 0).kind, Tok.MALFORMED_FSTRING);
});

test('numbers: token kinds, underscores, letters swallowed into the token', () => {
  assert.deepEqual(kinds('1_000 0x_ff 1.5 .5 1e3 1E-3 2j 0x1e5 1if'), [
    'INTEGER:1000', 'INTEGER:0xff', 'FLOAT_OR_IMAG:1.5', 'FLOAT_OR_IMAG:.5', 'FLOAT_OR_IMAG:1e3',
    'FLOAT_OR_IMAG:1e-3', 'FLOAT_OR_IMAG:2j', 'INTEGER:0x1e5', 'INTEGER:1if', 'NEWLINE',
  ]);
});

test('parseIntegerLiteral: bases and upstream error messages', () => {
  const ok = (s: string): bigint => {
    const r = parseIntegerLiteral(enc.encode(s));
    assert.ok(r.ok, s);
    return r.value;
  };
  const err = (s: string): string => {
    const r = parseIntegerLiteral(enc.encode(s));
    assert.ok(!r.ok, s);
    return r.message;
  };
  assert.equal(ok('0'), 0n);
  assert.equal(ok('00'), 0n);
  assert.equal(ok('0xdeadbeef'), 0xdeadbeefn);
  assert.equal(ok('0o17'), 15n);
  assert.equal(ok('0B101'), 5n);
  assert.equal(ok('123456789012345678901234567890'), 123456789012345678901234567890n);
  assert.equal(err('0o8'), "invalid syntax for integer with base 8: '8'");
  assert.equal(err('012'), "invalid syntax for integer with base 0: '012'");
  assert.equal(err('1if'), "invalid syntax for integer with base 10: '1if'");
  assert.equal(err('0x'), "invalid syntax for integer with base 16: ''");
});

function bits(x: number): string {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x, true);
  return [...new Uint8Array(b.buffer)].map((v) => v.toString(16).padStart(2, '0')).join('');
}

test('parseDecimalLiteral: bit-exact with the reference (x87 long double), incl. where it is not correctly rounded', () => {
  // expected bit patterns are float(s) as printed by the v1.28.0 unix port (same parser code)
  const cases: Array<[string, string]> = [
    ['1.1', '9a9999999999f13f'],
    ['0.1', '9a9999999999b93f'],
    ['1e308', 'a0c8eb85f3cce17f'],
    ['939229141334260.74490955211123e-296', 'e23a703499d29505'],
    ['1931690.0981719467092573943', 'f4cb2119aa793d41'],
    ['35595920399.81854652016940e-268', '5d470bf5745d7b0a'],
    ['5e-324', '0100000000000000'],
    ['1e400', '000000000000f07f'],
    ['1e-400', '0000000000000000'],
  ];
  for (const [s, hex] of cases) {
    const r = parseDecimalLiteral(enc.encode(s));
    assert.ok(r.ok && r.type === 'float', s);
    assert.equal(bits(r.value), hex, s);
  }
  // the three non-correctly-rounded cases differ from JS's (correct) conversion
  assert.notEqual(bits(Number('939229141334260.74490955211123e-296')), 'e23a703499d29505');
  const c = parseDecimalLiteral(enc.encode('2.5j'));
  assert.deepEqual(c, { ok: true, type: 'complex', real: 0, imag: 2.5 });
  assert.deepEqual(parseDecimalLiteral(enc.encode('1e')), { ok: false, message: 'invalid syntax for number' });
  assert.deepEqual(parseDecimalLiteral(enc.encode('1.2.3')), { ok: false, message: 'invalid syntax for number' });
});

test('bytes in identifiers, NUL bytes, BOM', () => {
  assert.deepEqual(kinds('éé = 1'), ['NAME:éé', 'DEL_EQUAL', 'INTEGER:1', 'NEWLINE']);
  assert.deepEqual(kinds(Uint8Array.of(0x78, 0x00, 0x0a)), ['NAME:x', 'INVALID', 'NEWLINE']);
  // a UTF-8 BOM is not skipped: its bytes start an identifier, as upstream
  assert.equal(tokenize(Uint8Array.of(0xef, 0xbb, 0xbf, 0x78, 0x0a))[0]?.kind, Tok.NAME);
});
