// MicroPython's repr of numbers, as mpy-cross stores int/float/complex constants in a .mpy (it saves
// them as the text mp_obj_print_helper(..., PRINT_REPR) produces and re-parses them when loading).
//
// Floats: MicroPython 1.28 (with its "exact" formatter on hosts with a long double) prints the
// shortest n >= 1 significant digits whose correctly-rounded value reads back as the same double,
// in %g style with exponent form when the decimal exponent is >= 16 or < -4, a two-digit minimum
// exponent, and ".0" added to integral values. That is CPython's repr, which JavaScript's
// toPrecision lets us reproduce without a bignum: toPrecision(n) is correctly rounded.

/** Shortest correctly-rounded significant digits of a finite positive double, and its decimal exponent. */
function shortestDigits(f: number): { digits: string; exp: number } {
  for (let n = 1; n <= 17; n++) {
    const s = f.toPrecision(n);
    if (Number(s) === f) return splitPrecision(s);
  }
  return splitPrecision(f.toPrecision(17));
}

/** Splits toPrecision output ("1.2300e+5", "0.00123", "123.4") into significant digits and exponent. */
function splitPrecision(s: string): { digits: string; exp: number } {
  let mant = s;
  let exp = 0;
  const e = s.indexOf('e');
  if (e >= 0) {
    mant = s.slice(0, e);
    exp = Number(s.slice(e + 1));
  }
  const dot = mant.indexOf('.');
  let intPart = dot >= 0 ? mant.slice(0, dot) : mant;
  const frac = dot >= 0 ? mant.slice(dot + 1) : '';
  let all = intPart + frac;
  // position of the decimal point relative to the start of `all`
  let pointPos = intPart.length;
  // strip leading zeros (e.g. "0.00123")
  let lead = 0;
  while (lead < all.length - 1 && all[lead] === '0') lead++;
  all = all.slice(lead);
  pointPos -= lead;
  intPart = '';
  // strip trailing zeros
  let end = all.length;
  while (end > 1 && all[end - 1] === '0') end--;
  return { digits: all.slice(0, end), exp: exp + pointPos - 1 };
}

/**
 * mp_format_float(f, 'g', MP_FLOAT_REPR_PREC) with an optional sign for non-negative values
 * ('+' when the complex printer asks for one).
 */
function formatFloatG(f: number, plusSign: boolean): string {
  let sign = plusSign ? '+' : '';
  if (Number.isNaN(f)) return sign + 'nan';
  if (f < 0 || Object.is(f, -0)) {
    sign = '-';
    f = -f;
  }
  if (f === Infinity) return sign + 'inf';
  if (f === 0) return sign + '0';
  const { digits, exp } = shortestDigits(f);
  let body: string;
  if (exp >= 16 || exp < -4) {
    const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const e = Math.abs(exp);
    body = mant + 'e' + (exp < 0 ? '-' : '+') + (e < 10 ? '0' + e : String(e));
  } else if (exp < 0) {
    body = '0.' + '0'.repeat(-exp - 1) + digits;
  } else if (digits.length <= exp + 1) {
    body = digits + '0'.repeat(exp + 1 - digits.length);
  } else {
    body = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
  }
  return sign + body;
}

/** repr() of a float as MicroPython prints it, e.g. "1.0", "1e+16", "-0.0", "inf", "nan". */
export function floatRepr(f: number): string {
  const s = formatFloatG(f, false);
  // PF_FLAG_ALWAYS_DECIMAL: integral values get ".0" unless exponent form or inf/nan
  if (!/[.en]/.test(s)) return s + '.0';
  return s;
}

/** repr() of a complex number: "2j", "(1+2j)", "(1-2j)". */
export function complexRepr(real: number, imag: number): string {
  if (real !== 0) return '(' + formatFloatG(real, false) + formatFloatG(imag, true) + 'j)';
  return formatFloatG(imag, false) + 'j';
}

/** repr() of an int. */
export function intRepr(v: bigint): string {
  return v.toString();
}
