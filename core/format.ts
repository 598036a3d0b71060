/** Numbers as people read them, in text and in TeX. Non-finite values are spelled out, never hidden. */

export function formatNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e6) {
    const s = x.toPrecision(digits);
    return s.includes('e') ? s : s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  }
  return x.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, 'e');
}

/** TeX for a number: `\infty`, `\text{NaN}`, `1.2\times10^{-5}`; negatives parenthesised when asked. */
export function texNumber(x: number, digits = 3, parenNegative = false): string {
  let s: string;
  if (Number.isNaN(x)) s = '\\text{NaN}';
  else if (x === Infinity) s = '\\infty';
  else if (x === -Infinity) s = '-\\infty';
  else {
    const plain = formatNumber(x, digits);
    const m = /^(-?[\d.]+)e([+-]?\d+)$/.exec(plain);
    s = m ? `${m[1]}\\times10^{${Number(m[2])}}` : plain;
  }
  return parenNegative && (x < 0 || Object.is(x, -0)) ? `(${s})` : s;
}
