/**
 * Errors are values: every failure a user can cause carries a code, a message in words they can act
 * on (in every language the product ships: the extension and the renderer show it in the user's
 * language, the CLI and `eval --json` answer in English), and where known the tensor, parameter and
 * position involved. Kernels throw `LossLensError`
 * internally for brevity; the public entry points (`evaluate`, the parser, the CLI) catch it and
 * return a `Result`, so nothing above the core ever sees a stack trace.
 */

import type { Localized } from './localized.js';

export type ErrorCode =
  | 'invalid_request'
  | 'unknown_loss'
  | 'missing_tensor'
  | 'unexpected_tensor'
  | 'ragged_tensor'
  | 'invalid_number'
  | 'shape_mismatch'
  | 'invalid_rank'
  | 'class_out_of_range'
  | 'invalid_label'
  | 'invalid_probability'
  | 'invalid_param'
  | 'unknown_param'
  | 'invalid_reduction'
  | 'too_large'
  | 'internal'
  // parser codes (core/parse)
  | 'parse_syntax'
  | 'parse_empty'
  | 'parse_truncated'
  | 'parse_ragged'
  | 'parse_number';

export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly message: Localized;
  /** Which tensor (`input`, `target`, `extra.positive`, ...) the error is about. */
  readonly tensor?: string;
  /** Which parameter the error is about. */
  readonly param?: string;
  /** 1-based position in parsed text, where the error comes from text. */
  readonly line?: number;
  readonly column?: number;
  /** Ids a user probably meant (unknown_loss). */
  readonly suggestions?: readonly string[];
}

export class LossLensError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message.en);
    this.name = 'LossLensError';
  }
}

export function fail(code: ErrorCode, message: Localized, extra: Omit<ErrorInfo, 'code' | 'message'> = {}): never {
  throw new LossLensError({ code, message, ...extra });
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(error: ErrorInfo): Result<T> => ({ ok: false, error });

/** Runs `f`, turning a thrown LossLensError (or anything else) into an error value. */
export function attempt<T>(f: () => T): Result<T> {
  try {
    return ok(f());
  } catch (e) {
    return err(toErrorInfo(e));
  }
}

export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof LossLensError) return e.info;
  if (e instanceof RangeError && /Array buffer allocation|Invalid typed array length/.test(e.message)) {
    return { code: 'too_large', message: { en: 'The tensors are too large to hold in memory.', 'zh-cn': '张量太大，内存放不下。' } };
  }
  // A bug of ours: the detail stays as the runtime wrote it, so a report quotes it exactly.
  const detail = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: { en: `Internal error in Loss Lens (please report it): ${detail}`, 'zh-cn': `Loss Lens 内部错误（请报告此问题）：${detail}` } };
}
