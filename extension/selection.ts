/**
 * From an editor's selections (a text file's or a notebook cell's) to located tensors: each
 * selection is parsed on its own, and every tensor remembers where it came from, so an error about
 * it can name its line and column in the document and select it.
 */
import * as vscode from 'vscode';
import { parseSelection, type ParsedTensor } from '../core/parse/index.js';
import { UserError, inUserLanguage, positionText } from './userError.js';

export interface Source {
  readonly document: vscode.TextDocument;
  readonly range: vscode.Range;
  readonly text: string;
  readonly startOffset: number;
}

export interface LocatedTensor {
  readonly tensor: ParsedTensor;
  readonly source: Source;
  /** Its own text's range in the document. */
  readonly range: vscode.Range;
}

/** The non-empty selections in the order the user made them; the whole document (cell) when all are empty. */
export function selectionSources(editor: vscode.TextEditor): Source[] {
  const doc = editor.document;
  const nonEmpty = editor.selections.filter((s) => !s.isEmpty);
  const ranges = nonEmpty.length ? nonEmpty : [new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length))];
  return ranges.map((r) => ({ document: doc, range: r, text: doc.getText(r), startOffset: doc.offsetAt(r.start) }));
}

/** The document range of `length` characters at `offset` within a source's text. */
export function rangeIn(source: Source, offset: number, length: number): vscode.Range {
  const start = source.document.positionAt(source.startOffset + offset);
  const end = source.document.positionAt(source.startOffset + offset + Math.max(1, length));
  return new vscode.Range(start, end);
}

/** The extent of the token at an error, so "Select" highlights the offending text, not one character. */
function tokenLength(text: string, offset: number): number {
  const m = /^[^\s,;[\](){}]+/.exec(text.slice(offset));
  return m ? m[0].length : 1;
}

export function parseSources(sources: readonly Source[]): LocatedTensor[] {
  const out: LocatedTensor[] = [];
  for (const source of sources) {
    const r = parseSelection(source.text);
    if (!r.ok) {
      const { message, offset } = r.error;
      const range = rangeIn(source, offset, tokenLength(source.text, offset));
      throw new UserError(
        vscode.l10n.t('Cannot read the selection at {0}: {1}', positionText(range.start), inUserLanguage(message)),
        r.error.code,
        { uri: source.document.uri, range },
      );
    }
    for (const t of r.tensors) out.push({ tensor: t, source, range: rangeIn(source, t.offset, t.length) });
  }
  return out;
}
