/**
 * The command implementations, loaded on the first command. In the Node build this is its own
 * file (dist/commands.js), so activation parses only the registration code; the web build bundles
 * it in (a web worker host loads one file).
 */
export { evaluateOnSelection } from './evaluate.js';
export { openExplorer } from './explorer.js';
export { showFormula } from './showFormula.js';
export { insertLossSnippet } from './snippets.js';
