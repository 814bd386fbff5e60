// Numbers typed in a form, kept as the decimal text typed: a km² figure becomes m² by moving the
// decimal point, never by a floating-point multiplication (1.1 km² is 1100000 m², not 1100000.0000000002).

const MAX_EXPONENT = 400;

/**
 * The number in `text` (as a number field gives it: digits, a point, an exponent) as a plain
 * JSON decimal with its point moved `shift` places to the right; null when it is not a number.
 */
export function decimalText(text, shift = 0) {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(String(text).trim());
  if (!match || (match[2] === '' && !match[3])) return null;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  if (Math.abs(Number(exponent)) > MAX_EXPONENT) return null;
  let digits = whole + fraction;
  let point = whole.length + Number(exponent) + shift; // where the point falls in digits
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const integer = digits.slice(0, point).replace(/^0+/, '') || '0';
  const decimals = digits.slice(point).replace(/0+$/, '');
  const negative = sign === '-' && /[1-9]/.test(integer + decimals);
  return `${negative ? '-' : ''}${integer}${decimals ? `.${decimals}` : ''}`;
}

/** km² typed as m² (exact decimal text), or null. */
export function sqmFromKm2(text) {
  return decimalText(text, 6);
}
