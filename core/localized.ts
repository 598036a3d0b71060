/** Every visible string of the catalogue exists in both languages the product ships. */
export interface Localized {
  readonly en: string;
  readonly 'zh-cn': string;
}

export type Locale = keyof Localized;

/** Text with no words to translate (a formula in symbols reads the same in every language). */
export function symbolsOnly(text: string): Localized {
  return { en: text, 'zh-cn': text };
}

export function pick(text: Localized, locale: string): string {
  return locale.toLowerCase().startsWith('zh') ? text['zh-cn'] : text.en;
}

/**
 * Joins pieces of a Chinese sentence as Chinese typography spaces them: a space between a Chinese
 * character and a value, symbol or code ("必须是 ≥ 0 的数", "与 input 的形状"), none between Chinese
 * characters or next to Chinese punctuation ("必须是有限数", "（锚点）的形状").
 */
export function zhJoin(...parts: string[]): string {
  let out = '';
  for (const p of parts) {
    if (out !== '' && p !== '' && spaceBetween(out[out.length - 1]!, p[0]!)) out += ' ';
    out += p;
  }
  return out;
}

const HAN = /[\u4e00-\u9fff]/;
const QUIET = /[\s\u3000-\u303f\uff00-\uffef]/;

function spaceBetween(a: string, b: string): boolean {
  if (QUIET.test(a) || QUIET.test(b)) return false;
  return HAN.test(a) !== HAN.test(b);
}
