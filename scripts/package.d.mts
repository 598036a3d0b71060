export const VSIX: string;
export function packageExtension(options?: { quiet?: boolean }): string;
