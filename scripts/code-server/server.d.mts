import type { ChildProcess } from 'node:child_process';

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly dirs: { base: string; home: string; tmp: string; config: string; data: string; userData: string; extensions: string };
  readonly child: ChildProcess;
  stop(): void;
  stopAndWait(): Promise<void>;
}

export function freePort(): Promise<number>;
export function startCodeServer(options?: {
  folder?: string;
  port?: number;
  vsix?: string;
  settings?: Record<string, unknown>;
  log?: 'ignore' | 'inherit' | 'pipe';
  keep?: boolean;
  base?: string;
  /** Display language, e.g. 'zh-cn' (what vscode.env.language answers). */
  locale?: string;
}): Promise<CodeServer>;
export function devUrl(server: { url: string; port: number }, where: { folder?: string; extensionPath: string; testsPath?: string }): string;
