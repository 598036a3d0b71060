/** Insert Loss Snippet: the snippets helper's quick pick (extension/snippets.ts), optionally at a given loss. */
import { insertLossSnippet } from './snippets.js';

export function insertSnippetCommand(loss?: string): Promise<unknown> {
  return Promise.resolve(insertLossSnippet(loss));
}
