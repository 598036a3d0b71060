/** Every visible string of the catalogue exists in both languages the product ships. */
export interface Localized {
  readonly en: string;
  readonly 'zh-cn': string;
}

export type Locale = keyof Localized;

export function pick(text: Localized, locale: string): string {
  return locale.toLowerCase().startsWith('zh') ? text['zh-cn'] : text.en;
}
