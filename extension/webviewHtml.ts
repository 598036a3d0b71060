/**
 * The HTML shell of a Loss Lens webview: a strict CSP (default-src 'none', the script by nonce, no
 * 'unsafe-eval': the renderer evaluates Vega with its interpreter), and only the extension's own
 * dist/renderer/ files. No user text ever goes into this HTML; data arrives by postMessage.
 */
import * as vscode from 'vscode';

function nonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, kind: 'report' | 'explorer', language: string): string {
  const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'renderer', ...p)).toString();
  const n = nonce();
  const src = webview.cspSource;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${n}'`,
    `style-src ${src}`,
    `font-src ${src}`,
    `img-src ${src} data:`,
  ].join('; ');
  const lang = language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${asset('katex', 'katex.min.css')}">
<link rel="stylesheet" href="${asset('webview.css')}">
</head>
<body data-kind="${kind}" data-lang="${lang}">
<div id="root"></div>
<script nonce="${n}" src="${asset('webview.js')}"></script>
</body>
</html>`;
}
