import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

export function ruleFiles(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const lang of readdirSync(join(ROOT, 'rules'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort())
    for (const f of readdirSync(join(ROOT, 'rules', lang)).filter((f) => f.endsWith('.yaml')).sort())
      out.push({ file: `rules/${lang}/${f}`, text: readFileSync(join(ROOT, 'rules', lang, f), 'utf8') });
  return out;
}
