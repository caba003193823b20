#!/usr/bin/env node
// Rule examples must be invented, not lifted from the evaluation corpus. Lists every example
// that shares a run of 30+ characters with a corpus reply outside its own flagged span
// (the stock phrase itself is allowed to appear in both). Exit 1 when there is one.
//   node scripts/corpus-overlap.mjs [--corpus FILE]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--corpus');
const corpusFile = i >= 0 ? process.argv[i + 1] : join(root, '../shared/corpus/dev.jsonl');
export const K = 30;
const norm = (s) => s.toLowerCase().replace(/\s+/g, ' ');

export function overlaps(corpusText, rulesDir) {
  const shingles = new Map();
  for (const line of corpusText.split('\n').filter(Boolean)) {
    const o = JSON.parse(line);
    const t = norm(o.text);
    for (let k = 0; k + K <= t.length; k++) shingles.set(t.slice(k, k + K), o.id);
  }
  const hits = [];
  for (const lang of readdirSync(rulesDir).filter((d) => !d.includes('.'))) {
    for (const f of readdirSync(join(rulesDir, lang)).filter((f) => f.endsWith('.yaml'))) {
      const doc = parse(readFileSync(join(rulesDir, lang, f), 'utf8'));
      for (const r of doc?.rules ?? []) {
        const ex = [...(r.examples?.flag ?? []).map((e) => ({ text: e.text, span: e.span })), ...(r.examples?.pass ?? []).map((t) => ({ text: t, span: '' }))];
        for (const e of ex) {
          if (typeof e.text !== 'string') continue;
          // the flagged stock phrase may appear in both; the rest of the example may not
          const parts = norm(e.text).split(e.span ? norm(e.span) : '\u0000');
          for (const t of parts) {
            let hit = null;
            for (let k = 0; k + K <= t.length && !hit; k++) { const id = shingles.get(t.slice(k, k + K)); if (id) hit = [id, t.slice(k, k + K)]; }
            if (hit) { hits.push({ file: `rules/${lang}/${f}`, id: r.id, corpus: hit[0], run: hit[1], text: e.text }); break; }
          }
        }
      }
    }
  }
  return hits;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(corpusFile)) { console.log(`no corpus at ${corpusFile}; nothing to compare`); process.exit(0); }
  const hits = overlaps(readFileSync(corpusFile, 'utf8'), join(root, 'rules'));
  for (const h of hits) console.log(`${h.file}  ${h.id}  shares "${h.run}" with ${h.corpus}`);
  console.log(`${hits.length} example(s) share a ${K}-character run with the corpus outside their flagged span`);
  process.exit(hits.length ? 1 : 0);
}
