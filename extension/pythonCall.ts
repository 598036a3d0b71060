/**
 * Finds the PyTorch loss call under the cursor in Python source (F.cross_entropy(...),
 * nn.BCEWithLogitsLoss(...), sigmoid_focal_loss(...), torch.nn.functional.smooth_l1_loss(...)) and
 * reads its literal keyword arguments. Functional names come from each loss's `pytorch` field; the
 * module classes are PyTorch's own names for the same functions.
 */
import type { AnyLoss } from '../core/loss.js';
import { LOSSES } from '../core/registry.js';

/** torch.nn module classes and the torch.nn.functional function each one calls. */
const MODULE_CLASSES: Readonly<Record<string, string>> = {
  CrossEntropyLoss: 'cross_entropy',
  NLLLoss: 'nll_loss',
  KLDivLoss: 'kl_div',
  BCELoss: 'binary_cross_entropy',
  BCEWithLogitsLoss: 'binary_cross_entropy_with_logits',
  MultiMarginLoss: 'multi_margin_loss',
  HingeEmbeddingLoss: 'hinge_embedding_loss',
  SoftMarginLoss: 'soft_margin_loss',
  MarginRankingLoss: 'margin_ranking_loss',
  TripletMarginLoss: 'triplet_margin_loss',
  CosineEmbeddingLoss: 'cosine_embedding_loss',
  L1Loss: 'l1_loss',
  MSELoss: 'mse_loss',
  SmoothL1Loss: 'smooth_l1_loss',
  HuberLoss: 'huber_loss',
  PoissonNLLLoss: 'poisson_nll_loss',
};

function lossForName(name: string): AnyLoss | undefined {
  const fn = MODULE_CLASSES[name] ?? name;
  return LOSSES.find((l) => (l.pytorch !== null && l.pytorch.split('.').pop() === fn) || l.id === fn);
}

export interface LossCall {
  readonly loss: AnyLoss;
  /** The name as written (F.cross_entropy, nn.CrossEntropyLoss). */
  readonly callee: string;
  /** Keyword arguments whose values are literals (numbers, booleans, None, strings, lists). */
  readonly kwargs: Record<string, unknown>;
  /** Keyword arguments that are expressions (a variable, a computed tensor): not read. */
  readonly skipped: string[];
  readonly start: number;
  readonly end: number;
}


/** The call whose name or argument list contains `offset`, innermost loss call first. */
export function lossCallAt(text: string, offset: number): LossCall | undefined {
  const calls: LossCall[] = [];
  const re = /([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)\s*\(/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const callee = m[1];
    const loss = lossForName(callee.split('.').pop()!);
    if (!loss) continue;
    const open = m.index + m[0].length - 1;
    const close = matchingParen(text, open);
    const end = close < 0 ? text.length : close + 1;
    if (offset < m.index || offset > end) continue;
    const { kwargs, skipped } = keywordArguments(text.slice(open + 1, close < 0 ? text.length : close));
    calls.push({ loss, callee, kwargs, skipped, start: m.index, end });
  }
  // Innermost: the one starting last.
  calls.sort((a, b) => b.start - a.start);
  return calls[0];
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Splits top-level arguments at commas outside brackets and strings. */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.map((a) => a.trim()).filter(Boolean);
}

function keywordArguments(args: string): { kwargs: Record<string, unknown>; skipped: string[] } {
  const kwargs: Record<string, unknown> = {};
  const skipped: string[] = [];
  for (const a of splitArgs(args)) {
    const m = /^([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]+)$/.exec(a);
    if (!m) continue;
    const v = pythonLiteral(m[2].trim());
    if (v === undefined) skipped.push(m[1]);
    else kwargs[m[1]] = v;
  }
  return { kwargs, skipped };
}

/** Python literals as JSON values; torch.tensor([...]) reads as its list. Undefined for expressions. */
export function pythonLiteral(s: string): unknown {
  const wrapped = /^(?:torch\.)?(?:tensor|as_tensor|Tensor|FloatTensor)\(\s*([\s\S]*?)\s*(?:,\s*[A-Za-z_]\w*\s*=[\s\S]*)?\)$/.exec(s);
  const body = wrapped ? wrapped[1] : s;
  if (body === 'None') return null;
  if (body === 'True') return true;
  if (body === 'False') return false;
  if (/^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(body)) return Number(body);
  const str = /^(['"])(.*)\1$/.exec(body);
  if (str) return str[2];
  if (/^[[(][\d\s.,eE+\-[\]()]*[\])]$/.test(body)) {
    try {
      return JSON.parse(body.replace(/\(/g, '[').replace(/\)/g, ']').replace(/,\s*([\]])/g, '$1'));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

