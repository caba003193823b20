/**
 * docs/rules.md: every rule, generated from rules/ by build.mjs (tests/rules.test.ts fails when
 * the committed file is stale). Grouped by language and category: id, severity, why, an example.
 */
import { CATEGORIES, LANGS, SITUATIONS } from '../engine/types.js';
import type { SourceRule } from './compile.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const NAMES: Record<string, string> = { en: 'English', ru: 'Russian', bg: 'Bulgarian', ar: 'Arabic', eo: 'Esperanto', zh: 'Chinese' };

export function rulesDoc(rules: SourceRule[]): string {
  const out: string[] = ['# Tact rules', '',
    '<!-- Generated from rules/ by `npm run build` (src/rules/docs.ts). Do not edit: edit rules/<lang>/<category>.yaml. -->', '',
    `${rules.length} rules. Reply checks by language and category, then the situation rules that read the customer's message.`, ''];
  const counts = LANGS.map((l) => `${NAMES[l]} ${rules.filter((r) => r.lang === l).length}`).join(' · ');
  out.push(counts, '');
  for (const lang of LANGS) {
    out.push(`## ${NAMES[lang]} (${lang})`, '');
    for (const cat of [...CATEGORIES, 'situations'] as const) {
      const list = rules.filter((r) => r.lang === lang && r.category === cat).sort((a, b) => a.id.localeCompare(b.id));
      if (!list.length) continue;
      out.push(`### ${cat} (${list.length})`, '');
      if (cat === 'situations') {
        out.push('| id | situation | evidence of | example |', '|---|---|---|---|');
        for (const r of list) out.push(`| \`${r.id}\` | ${r.situation} | ${cell(r.whyEn)} | ${cell(r.examples.flag[0]?.text ?? '')} |`);
      } else {
        out.push('| id | severity | why | flags |', '|---|---|---|---|');
        for (const r of list) out.push(`| \`${r.id}\` | ${r.severity}${r.when ? ` (${r.when.join(', ')})` : ''} | ${cell(r.whyEn)} | ${cell(r.examples.flag[0]?.text ?? '')} |`);
      }
      out.push('');
    }
  }
  out.push(`Situations: ${SITUATIONS.join(', ')}.`, '');
  return out.join('\n');
}
