/** Node-side rule compilation for build.mjs and the CLI: reads rules/, checks ReDoS with recheck. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkSync } from 'recheck';
import { setTaggerLoader } from '../engine/tagger.js';
import { compileRules, toCompiled, type RedosCheck, type RuleError, type SourceRule } from './compile.js';
import { createRequire } from 'node:module';

export { compileRuleFile, compileRules, testRuleExamples } from './compile.js';

const require = createRequire(import.meta.url);
setTaggerLoader(() => require('compromise'));

export function ruleFiles(root: string): { file: string; text: string }[] {
  const dir = join(root, 'rules');
  const out: { file: string; text: string }[] = [];
  for (const lang of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const f of readdirSync(join(dir, lang)).filter((f) => /\.ya?ml$/.test(f)).sort()) {
      const file = `rules/${lang}/${f}`;
      out.push({ file, text: readFileSync(join(root, file), 'utf8') });
    }
  }
  return out;
}

/** recheck, with results cached by source (a full check costs ~1-200 ms a regex). */
export function redosChecker(root: string): { check: RedosCheck; save(): void; count(): number } {
  const cacheFile = join(root, '.build/redos-cache.json');
  let cache: Record<string, string | null> = {};
  try { cache = JSON.parse(readFileSync(cacheFile, 'utf8')); } catch { /* first run */ }
  let n = 0;
  return {
    check(source) {
      n++;
      const key = createHash('sha1').update(source).digest('hex');
      if (key in cache) return cache[key]!;
      const r = checkSync(source, 'iu', { timeout: 10000 });
      const verdict = r.status === 'safe' ? null
        : r.status === 'vulnerable' ? `${r.complexity?.type ?? 'super-linear'} backtracking, e.g. on "${String(r.attack?.pattern ?? '').slice(0, 60)}"`
        : `recheck could not prove it safe (${r.status}${'error' in r && r.error ? `: ${(r.error as any).kind}` : ''})`;
      cache[key] = verdict;
      return verdict;
    },
    save() { mkdirSync(join(root, '.build'), { recursive: true }); writeFileSync(cacheFile, JSON.stringify(cache)); },
    count: () => n,
  };
}

export function compileRulesDir(root: string, opts: { redos?: boolean } = {}): { rules: ReturnType<typeof toCompiled>[]; source: SourceRule[]; errors: RuleError[]; files: number; redosChecked: number } {
  const files = ruleFiles(root);
  const redos = opts.redos === false ? null : redosChecker(root);
  const { rules, errors } = compileRules(files, redos?.check);
  redos?.save();
  return { rules: rules.map(toCompiled), source: rules, errors, files: files.length, redosChecked: redos?.count() ?? 0 };
}
