/**
 * The one cursor every reader moves: a position in the selected text, read as char codes, and the
 * typed error that says where reading stopped. Readers never slice the text except for a number's
 * own token, so parsing stays one pass with no intermediate strings.
 *
 * Modules under tsx run as CommonJS, where each use of an imported binding is a getter call; the
 * readers' hot loops therefore copy what they use from here into module-local constants.
 *
 * `steps` counts characters examined (every loop that advances over text adds to it), so a test
 * can assert the parser does linear work without timing anything.
 */
import { LossLensError, type ErrorCode } from '../errors.js';
import type { Localized } from '../localized.js';

export enum Ch {
  Tab = 9,
  Newline = 10,
  Return = 13,
  Space = 32,
  Bang = 33,
  Quote = 34,
  Hash = 35,
  Percent = 37,
  Apostrophe = 39,
  LParen = 40,
  RParen = 41,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  D0 = 48,
  D9 = 57,
  Colon = 58,
  Semicolon = 59,
  Less = 60,
  Equals = 61,
  Greater = 62,
  A = 65,
  E = 69,
  Z = 90,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Underscore = 95,
  a = 97,
  e = 101,
  z = 122,
  LBrace = 123,
  RBrace = 125,
  NoBreakSpace = 160,
}

/** A parse failure at a character offset; index.ts turns it into line and column. */
export class ParseError extends LossLensError {
  constructor(code: ErrorCode, message: Localized, readonly offset: number) {
    super({ code, message });
  }
}

export function isDigit(c: number): boolean {
  return c >= Ch.D0 && c <= Ch.D9;
}

export function isIdentStart(c: number): boolean {
  return (c >= Ch.a && c <= Ch.z) || (c >= Ch.A && c <= Ch.Z) || c === Ch.Underscore || (c > 127 && c !== Ch.NoBreakSpace);
}

export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

/** Characters that end a token in every format (so `1,2` and `1]` split but `1x` does not). */
const DELIMITERS = new Uint8Array(128);
for (const c of [Ch.Space, Ch.Tab, Ch.Newline, Ch.Return, Ch.Comma, Ch.Semicolon, Ch.RBracket, Ch.RParen, Ch.RBrace, Ch.LBracket, Ch.LParen, Ch.Hash, Ch.Colon, Ch.Greater, Ch.Equals]) {
  DELIMITERS[c] = 1;
}

/** `c` is a char code or NaN past the end, which also ends a token; so does a no-break space. */
export function isDelimiter(c: number): boolean {
  return c < 128 ? DELIMITERS[c] === 1 : c !== c || c === Ch.NoBreakSpace;
}

const END_OF_SELECTION: Localized = { en: 'the end of the selection', 'zh-cn': '所选内容的末尾' };
const END_OF_LINE: Localized = { en: 'the end of the line', 'zh-cn': '行尾' };

export class Scanner {
  pos = 0;
  steps = 0;
  readonly end: number;

  constructor(readonly text: string) {
    this.end = text.length;
  }

  /** The char code at the cursor, NaN at the end (which no comparison matches). */
  peek(): number {
    return this.text.charCodeAt(this.pos);
  }

  at(i: number): number {
    return this.text.charCodeAt(i);
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Skips spaces, tabs and, when `newlines`, line breaks and `#` comments (Python's, to the line's end). */
  skipSpace(newlines: boolean): void {
    const t = this.text;
    let p = this.pos;
    const end = this.end;
    while (p < end) {
      const c = t.charCodeAt(p);
      // Text copied from web pages and notebooks' HTML output carries no-break spaces.
      if (c === Ch.Space || c === Ch.Tab || c === Ch.NoBreakSpace) p++;
      else if (newlines && (c === Ch.Newline || c === Ch.Return)) p++;
      else if (newlines && c === Ch.Hash) {
        while (p < end && t.charCodeAt(p) !== Ch.Newline) p++;
      } else break;
    }
    this.steps += p - this.pos + 1;
    this.pos = p;
  }

  /** Skips to the end of the line (not past the newline). */
  skipLine(): void {
    const t = this.text;
    let p = this.pos;
    while (p < this.end && t.charCodeAt(p) !== Ch.Newline) p++;
    this.steps += p - this.pos + 1;
    this.pos = p;
  }

  /** A dotted identifier (`np.array`, `torch.float64`) at the cursor, or '' if none. */
  readName(): string {
    const t = this.text;
    const start = this.pos;
    let p = start;
    if (!isIdentStart(t.charCodeAt(p))) return '';
    for (;;) {
      while (p < this.end && isIdentPart(t.charCodeAt(p))) p++;
      if (t.charCodeAt(p) === Ch.Dot && isIdentStart(t.charCodeAt(p + 1))) p++;
      else break;
    }
    this.steps += p - start + 1;
    this.pos = p;
    return t.slice(start, p);
  }

  /** A quoted string ('...' or "...", backslash escapes kept verbatim) and its content. */
  readString(): string {
    const t = this.text;
    const q = t.charCodeAt(this.pos);
    const start = this.pos;
    let p = start + 1;
    while (p < this.end) {
      const c = t.charCodeAt(p);
      if (c === q) break;
      if (c === Ch.Backslash) p++;
      else if (c === Ch.Newline) break;
      p++;
    }
    this.steps += p - start + 1;
    if (t.charCodeAt(p) !== q) this.fail('parse_syntax', { en: 'This string is not closed on its line.', 'zh-cn': '此字符串在本行内没有闭合。' }, start);
    this.pos = p + 1;
    return t.slice(start + 1, p);
  }

  /** `what` names the expected token and its context: `":" after the key "a"`. */
  expect(c: number, what: Localized): void {
    if (this.peek() !== c) {
      const here = this.describeHere();
      this.fail('parse_syntax', { en: `Expected ${what.en} here, but found ${here.en}.`, 'zh-cn': `此处应为${what['zh-cn']}，但遇到的是${here['zh-cn']}。` });
    }
    this.pos++;
  }

  /** How the text at the cursor reads in a message: the token (the same in every language), or "the end of the selection". */
  describeHere(at: number = this.pos): Localized {
    if (at >= this.end) return END_OF_SELECTION;
    const c = this.text.charCodeAt(at);
    if (c === Ch.Newline || c === Ch.Return) return END_OF_LINE;
    let p = at + 1;
    if (isIdentPart(c) || c === Ch.Dot || c === Ch.Minus || c === Ch.Plus) {
      while (p < this.end && p - at < 24 && !isDelimiter(this.text.charCodeAt(p))) p++;
    }
    const token = `"${this.text.slice(at, p)}"`;
    return { en: token, 'zh-cn': token };
  }

  fail(code: ErrorCode, message: Localized, at: number = this.pos): never {
    throw new ParseError(code, message, at);
  }
}

/** 1-based line and column of `offset`; a `\r\n` counts as one line break. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === Ch.Newline) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Line and column of increasing offsets in one pass over the text (tensors come in text order). */
export class LineTracker {
  private line = 1;
  private lineStart = 0;
  private pos = 0;

  constructor(private readonly text: string) {}

  at(offset: number): { line: number; column: number } {
    if (offset < this.pos) {
      this.line = 1;
      this.lineStart = 0;
      this.pos = 0;
    }
    const t = this.text;
    for (let i = this.pos; i < offset; i++) {
      if (t.charCodeAt(i) === Ch.Newline) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.pos = offset;
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}
