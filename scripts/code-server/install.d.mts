export const ROOT: string;
export const INSTALL_DIR: string;
export function codeServerEntry(): string;
export function ensureCodeServer(options?: { quiet?: boolean }): string;
