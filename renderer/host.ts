/** What the UI needs from the page it lives in: the panel's webview or a notebook output. */
import type { CopyFormat, SaveFormat } from './messages.js';

export interface Host {
  readonly locale: string;
  readonly kind: 'webview' | 'notebook' | 'test';
  copy(text: string, format: CopyFormat): Promise<boolean>;
  save(format: SaveFormat, name: string, data: string): Promise<boolean>;
  /** Null where the host cannot insert snippets (a notebook without messaging). */
  readonly insertSnippet: ((loss: string) => void) | null;
  rendered?(ms: number, ok: boolean): void;
}

/** Clipboard from the page itself, for hosts without an extension to ask. */
export async function pageCopy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A download from the page itself (notebook outputs), through a Blob URL. */
export function pageSave(format: SaveFormat, name: string, data: string): Promise<boolean> {
  try {
    const bytes = format === 'png' ? Uint8Array.from(atob(data), (c) => c.charCodeAt(0)) : new TextEncoder().encode(data);
    const type = { svg: 'image/svg+xml', png: 'image/png', csv: 'text/csv', json: 'application/json' }[format];
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return Promise.resolve(true);
  } catch {
    return Promise.resolve(false);
  }
}
