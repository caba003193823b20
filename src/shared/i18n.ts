/**
 * The extension's own UI strings, from _locales (the browser's language). Falls back to English
 * when a string is missing or outside an extension (tests, the CLI).
 */
import en from '../../_locales/en/messages.json';

type Key = keyof typeof en;

export function t(key: Key | string, ...subs: string[]): string {
  try {
    const g = (globalThis as any).chrome?.i18n?.getMessage ?? (globalThis as any).browser?.i18n?.getMessage;
    const m = g ? g(key, subs) : '';
    if (m) return m;
  } catch { /* not in an extension */ }
  let s: string = (en as Record<string, { message: string }>)[key]?.message ?? key;
  subs.forEach((v, i) => { s = s.replace(`$${i + 1}`, v); });
  return s;
}

/** The UI's direction: right-to-left when the messages shown are Arabic (the browser's language). */
export function uiDir(): 'rtl' | 'ltr' {
  try {
    const g = (globalThis as any).chrome?.i18n?.getMessage;
    // each locale says its own direction: @@bidi_dir follows the browser's UI language, which
    // is not always the language the messages come from
    if (g && (g('textDirection') === 'rtl' || g('@@bidi_dir') === 'rtl')) return 'rtl';
  } catch { /* not in an extension */ }
  return 'ltr';
}

/** A category's display name (message keys allow only [A-Za-z0-9_]). */
export const catLabel = (c: string) => t(`cat_${c.replace(/-/g, '_')}`);
