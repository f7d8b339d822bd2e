// Token kinds of MicroPython v1.28.0's lexer (lexer.h's mp_token_kind_t), in upstream order, with
// mpy-cross's options resolved: MICROPY_PY_FSTRINGS=1 (so MALFORMED_FSTRING exists) and
// MICROPY_PY_ASYNC_AWAIT=1 (so KW_ASYNC/KW_AWAIT exist). The numeric values are significant: the parser
// and compiler rely on the order of the OP_* and DEL_*_EQUAL blocks matching mp_binary_op_t, and token
// values appear in TOKEN parse nodes.
//
// API stable for compile.ts: only additions, never renames.

export const enum Tok {
  END = 0,

  INVALID,
  DEDENT_MISMATCH,
  LONELY_STRING_OPEN,
  MALFORMED_FSTRING,

  NEWLINE,
  INDENT,
  DEDENT,

  NAME,
  INTEGER,
  FLOAT_OR_IMAG,
  STRING,
  BYTES,

  ELLIPSIS,

  KW_FALSE,
  KW_NONE,
  KW_TRUE,
  KW___DEBUG__,
  KW_AND,
  KW_AS,
  KW_ASSERT,
  KW_ASYNC,
  KW_AWAIT,
  KW_BREAK,
  KW_CLASS,
  KW_CONTINUE,
  KW_DEF,
  KW_DEL,
  KW_ELIF,
  KW_ELSE,
  KW_EXCEPT,
  KW_FINALLY,
  KW_FOR,
  KW_FROM,
  KW_GLOBAL,
  KW_IF,
  KW_IMPORT,
  KW_IN,
  KW_IS,
  KW_LAMBDA,
  KW_NONLOCAL,
  KW_NOT,
  KW_OR,
  KW_PASS,
  KW_RAISE,
  KW_RETURN,
  KW_TRY,
  KW_WHILE,
  KW_WITH,
  KW_YIELD,

  OP_ASSIGN,
  OP_TILDE,

  // order of these 6 matches mp_binary_op_t's comparison operators
  OP_LESS,
  OP_MORE,
  OP_DBL_EQUAL,
  OP_LESS_EQUAL,
  OP_MORE_EQUAL,
  OP_NOT_EQUAL,

  // order of these 13 matches mp_binary_op_t's OR..POWER
  OP_PIPE,
  OP_CARET,
  OP_AMPERSAND,
  OP_DBL_LESS,
  OP_DBL_MORE,
  OP_PLUS,
  OP_MINUS,
  OP_STAR,
  OP_AT,
  OP_DBL_SLASH,
  OP_SLASH,
  OP_PERCENT,
  OP_DBL_STAR,

  // order of these 13 matches mp_binary_op_t's INPLACE_OR..INPLACE_POWER
  DEL_PIPE_EQUAL,
  DEL_CARET_EQUAL,
  DEL_AMPERSAND_EQUAL,
  DEL_DBL_LESS_EQUAL,
  DEL_DBL_MORE_EQUAL,
  DEL_PLUS_EQUAL,
  DEL_MINUS_EQUAL,
  DEL_STAR_EQUAL,
  DEL_AT_EQUAL,
  DEL_DBL_SLASH_EQUAL,
  DEL_SLASH_EQUAL,
  DEL_PERCENT_EQUAL,
  DEL_DBL_STAR_EQUAL,

  DEL_PAREN_OPEN,
  DEL_PAREN_CLOSE,
  DEL_BRACKET_OPEN,
  DEL_BRACKET_CLOSE,
  DEL_BRACE_OPEN,
  DEL_BRACE_CLOSE,
  DEL_COMMA,
  DEL_COLON,
  DEL_PERIOD,
  DEL_SEMICOLON,
  DEL_EQUAL,
  DEL_MINUS_MORE,

  NUMBER_OF,
}

/** Token names indexed by Tok value (upstream's MP_TOKEN_ suffixes), for messages and tests. */
export const TOK_NAMES: readonly string[] = Object.freeze([
  'END', 'INVALID', 'DEDENT_MISMATCH', 'LONELY_STRING_OPEN', 'MALFORMED_FSTRING',
  'NEWLINE', 'INDENT', 'DEDENT',
  'NAME', 'INTEGER', 'FLOAT_OR_IMAG', 'STRING', 'BYTES',
  'ELLIPSIS',
  'KW_FALSE', 'KW_NONE', 'KW_TRUE', 'KW___DEBUG__', 'KW_AND', 'KW_AS', 'KW_ASSERT', 'KW_ASYNC', 'KW_AWAIT',
  'KW_BREAK', 'KW_CLASS', 'KW_CONTINUE', 'KW_DEF', 'KW_DEL', 'KW_ELIF', 'KW_ELSE', 'KW_EXCEPT', 'KW_FINALLY',
  'KW_FOR', 'KW_FROM', 'KW_GLOBAL', 'KW_IF', 'KW_IMPORT', 'KW_IN', 'KW_IS', 'KW_LAMBDA', 'KW_NONLOCAL',
  'KW_NOT', 'KW_OR', 'KW_PASS', 'KW_RAISE', 'KW_RETURN', 'KW_TRY', 'KW_WHILE', 'KW_WITH', 'KW_YIELD',
  'OP_ASSIGN', 'OP_TILDE',
  'OP_LESS', 'OP_MORE', 'OP_DBL_EQUAL', 'OP_LESS_EQUAL', 'OP_MORE_EQUAL', 'OP_NOT_EQUAL',
  'OP_PIPE', 'OP_CARET', 'OP_AMPERSAND', 'OP_DBL_LESS', 'OP_DBL_MORE', 'OP_PLUS', 'OP_MINUS', 'OP_STAR',
  'OP_AT', 'OP_DBL_SLASH', 'OP_SLASH', 'OP_PERCENT', 'OP_DBL_STAR',
  'DEL_PIPE_EQUAL', 'DEL_CARET_EQUAL', 'DEL_AMPERSAND_EQUAL', 'DEL_DBL_LESS_EQUAL', 'DEL_DBL_MORE_EQUAL',
  'DEL_PLUS_EQUAL', 'DEL_MINUS_EQUAL', 'DEL_STAR_EQUAL', 'DEL_AT_EQUAL', 'DEL_DBL_SLASH_EQUAL',
  'DEL_SLASH_EQUAL', 'DEL_PERCENT_EQUAL', 'DEL_DBL_STAR_EQUAL',
  'DEL_PAREN_OPEN', 'DEL_PAREN_CLOSE', 'DEL_BRACKET_OPEN', 'DEL_BRACKET_CLOSE', 'DEL_BRACE_OPEN',
  'DEL_BRACE_CLOSE', 'DEL_COMMA', 'DEL_COLON', 'DEL_PERIOD', 'DEL_SEMICOLON', 'DEL_EQUAL', 'DEL_MINUS_MORE',
]);

export function tokName(t: Tok): string {
  return TOK_NAMES[t] ?? `tok(${t as number})`;
}
