/**
 * Driving code-server's workbench the way a user does, with the selectors measured in
 * shared/notes/real-vscode.md: the explorer, the command palette, quick picks, webview frames.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, FrameLocator, Page } from 'playwright-core';

export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'artifacts', 'e2e');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

export async function waitForWorkbench(page: Page, fileName: string): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: 60_000 });
}

export async function openFile(page: Page, fileName: string): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first().click();
  await page.locator('.tab.active', { hasText: fileName }).waitFor({ timeout: 30_000 });
}

const PALETTE_INPUT = '.quick-input-widget .quick-input-box input';

/** F1, ">title", Enter; retried because right after start the extension's commands may not be registered yet. */
export async function runCommand(page: Page, title: string, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator(PALETTE_INPUT);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title });
    try {
      await row.waitFor({ timeout: 3_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (e) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw e;
      await page.waitForTimeout(500);
    }
  }
}

/** Types into the open quick pick/input and accepts the focused row once it shows `expect`. */
export async function choose(page: Page, text: string, expect: string = text): Promise<void> {
  const input = page.locator(PALETTE_INPUT);
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(text);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: expect }).waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** Accepts the quick pick's focused row once it shows `expect` (no typing). */
export async function acceptFocused(page: Page, expect: string): Promise<void> {
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: expect }).waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/**
 * The content frame of a Loss Lens panel ("report" or "explorer"). Panel webviews are overlaid on
 * the editor area rather than nested in their group's DOM, so the frame is found by the kind its
 * HTML shell declares (body[data-kind]).
 */
export async function panelFrame(page: Page, kind: 'report' | 'explorer', timeout = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const f of page.frames()) {
      const k = await f.evaluate(() => document.body?.dataset.kind ?? null).catch(() => null);
      if (k === kind) return f;
    }
    if (Date.now() > deadline) throw new Error(`no ${kind} webview appeared within ${timeout} ms`);
    await page.waitForTimeout(250);
  }
}

/** Polls `read` until it matches `re` (the workbench updates asynchronously). */
/** Puts the cursor at 1-based line and column with Go to Line's `:line:column`, not by counting arrow keys. */
export async function placeCursor(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+g');
  const input = page.locator(PALETTE_INPUT);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
}

export async function waitForText(read: () => Promise<string>, re: RegExp, timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    last = await read().catch(() => '');
    if (re.test(last)) return last;
    if (Date.now() > deadline) throw new Error(`expected ${re} within ${timeout} ms; last saw ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function notebookOutputFrame(page: Page): FrameLocator {
  return page.frameLocator('.notebook-editor iframe.webview.ready').frameLocator('#active-frame');
}

/** Moves the cursor to a 1-based line with Go to Line, then extends the selection over `lines` lines. */
export async function selectLines(page: Page, line: number, lines: number): Promise<void> {
  await page.keyboard.press('Control+g');
  const input = page.locator(PALETTE_INPUT);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.press('Home');
  for (let i = 0; i < lines; i++) await page.keyboard.press('Shift+ArrowDown');
}
