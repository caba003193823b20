// The extension's own UI in six languages: every locale has every message, with the same placeholders.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

const dir = join(ROOT, '_locales');
const load = (l: string) => JSON.parse(readFileSync(join(dir, l, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
const en = load('en');
const placeholders = (s: string) => (s.match(/\$\d/g) ?? []).sort().join();

describe('_locales', () => {
  it('has the six languages of the rules, English the default', () => {
    expect(readdirSync(dir).sort()).toEqual(['ar', 'bg', 'en', 'eo', 'ru', 'zh_CN']);
    expect(JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).default_locale).toBe('en');
  });
  it.each(['ru', 'bg', 'ar', 'eo', 'zh_CN'])('%s has every message, same placeholders, no leftovers in English', (l) => {
    const m = load(l);
    expect(Object.keys(en).filter((k) => !m[k]), 'missing').toEqual([]);
    expect(Object.keys(m).filter((k) => !en[k]), 'unknown keys').toEqual([]);
    for (const k of Object.keys(en)) expect(placeholders(m[k]!.message), `${l}.${k}`).toBe(placeholders(en[k]!.message));
    const same = Object.keys(en).filter((k) => m[k]!.message === en[k]!.message && /[a-z]{4,}/.test(en[k]!.message) && !(l === 'eo' && k === 'lang_eo') && k !== 'textDirection');
    expect(same, 'untranslated').toEqual([]);
  });
  it('every message key the code uses exists in English', () => {
    const src: string[] = [];
    const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : /\.tsx?$/.test(e.name) && src.push(readFileSync(join(d, e.name), 'utf8')); };
    walk(join(ROOT, 'src'));
    const used = new Set(src.flatMap((s) => [...s.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)].map((m) => m[1]!)));
    expect([...used].filter((k) => !en[k])).toEqual([]);
  });
});
