// Every rule's examples run as tests; the layout of rules/ is checked too.
import { describe, expect, it } from 'vitest';
import { compilePlaybookFile, compileRuleFile, testRuleExamples, type SourceRule } from '../src/rules/compile.js';
import { rulesDoc } from '../src/rules/docs.js';
import { CATEGORIES, LANGS, SITUATIONS } from '../src/engine/types.js';
import { ROOT, ruleFiles } from './helpers.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: a plain ES module shared with the command line
import { overlaps } from '../scripts/corpus-overlap.mjs';

const CORPUS = join(ROOT, '../shared/corpus/dev.jsonl');

const files = ruleFiles();
const compiled = files.filter((f) => !f.file.endsWith('/playbooks.yaml')).map((f) => ({ ...f, ...compileRuleFile(f.file, f.text) }));
const playbooks = files.filter((f) => f.file.endsWith('/playbooks.yaml')).map((f) => ({ ...f, ...compilePlaybookFile(f.file, f.text) }));
const all: SourceRule[] = compiled.flatMap((c) => c.rules);

describe('rules/ layout', () => {
  it('every file compiles without errors', () => {
    expect(compiled.flatMap((c) => c.errors.map((e) => `${e.file}:${e.line}  ${e.message}`))).toEqual([]);
  });
  it.each(LANGS.map((l) => [l]))('%s has a rule file for every category and situations, each with rules', (lang) => {
    for (const cat of [...CATEGORIES, 'situations']) {
      const c = compiled.find((x) => x.file === `rules/${lang}/${cat}.yaml`);
      expect(c, `rules/${lang}/${cat}.yaml`).toBeDefined();
      expect(c!.rules.length, `rules/${lang}/${cat}.yaml has no rules`).toBeGreaterThan(0);
    }
  });
  it('rule ids are unique and start with <lang>.<category>. of their file', () => {
    const ids = all.map((r) => r.id);
    expect(ids.length).toBe(new Set(ids).size);
    for (const r of all) expect(r.file).toBe(`rules/${r.id.split('.')[0]}/${r.id.split('.')[1]}.yaml`);
  });
  it('every rule has examples that must be flagged and near-misses that must not', () => {
    for (const r of all) {
      expect(r.examples.flag.length, r.id).toBeGreaterThan(0);
      expect(r.examples.pass.length, r.id).toBeGreaterThan(0);
    }
  });
  it('docs/rules.md lists every rule as rules/ stands (npm run build regenerates it)', () => {
    const committed = readFileSync(join(ROOT, 'docs/rules.md'), 'utf8');
    expect(committed === rulesDoc(all), 'docs/rules.md is stale: run npm run build and commit it').toBe(true);
  });
  it.skipIf(!existsSync(CORPUS))('no example is lifted from the evaluation corpus (30-character runs outside the flagged span)', () => {
    const hits = overlaps(readFileSync(CORPUS, 'utf8'), join(ROOT, 'rules')) as { file: string; id: string; run: string; corpus: string }[];
    expect(hits.map((h) => `${h.file} ${h.id}: "${h.run}" (${h.corpus})`)).toEqual([]);
  });
  it.each(LANGS.map((l) => [l]))('%s has a playbook card for every situation and detection rules for each', (lang) => {
    const p = playbooks.find((x) => x.file === `rules/${lang}/playbooks.yaml`);
    expect(p, `rules/${lang}/playbooks.yaml`).toBeDefined();
    expect(p!.errors).toEqual([]);
    expect(Object.keys(p!.playbooks).sort()).toEqual([...SITUATIONS].sort());
    const covered = new Set(all.filter((r) => r.lang === lang && r.situation).map((r) => r.situation));
    expect([...SITUATIONS].filter((s) => !covered.has(s)), `situations without a rule in rules/${lang}/situations.yaml`).toEqual([]);
  });
  it('situational reply checks name their situations; situation rules have none', () => {
    for (const r of all) {
      if (r.category === 'situational') expect(r.when?.length, r.id).toBeGreaterThan(0);
      else expect(r.when, r.id).toBeUndefined();
      if (r.category === 'situations') expect(SITUATIONS, r.id).toContain(r.situation);
    }
  });
  it('every non-English rule has an English why; every reply rule 1-3 suggestions', () => {
    for (const r of all.filter((x) => x.category !== 'situations')) {
      expect(r.whyEn.length, r.id).toBeGreaterThan(0);
      expect(r.suggestions.length, r.id).toBeGreaterThanOrEqual(1);
      expect(r.suggestions.length, r.id).toBeLessThanOrEqual(3);
    }
  });
});

for (const lang of LANGS) {
  const rules = all.filter((r) => r.lang === lang);
  if (!rules.length) continue;
  describe(`rule examples: ${lang}`, () => {
    it.each(rules.map((r) => [r.id, r]))('%s', (_id, rule) => {
      expect(testRuleExamples(rule as SourceRule).map((e) => `${e.file}:${e.line}  ${e.message}`)).toEqual([]);
    });
  });
}
