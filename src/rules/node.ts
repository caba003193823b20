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

/**
 * recheck (a real ReDoS checker: automaton analysis, else fuzzing) on every regex a maintainer
 * wrote. A full check costs 0.1-10 s a regex, so the regexes proven safe are recorded by hash in
 * rules/redos-verified.json (committed, like a lock file): a build re-checks only new or edited
 * regexes. `node build.mjs --recheck-all` ignores the record.
 */
export function redosChecker(root: string, all = false): { check: RedosCheck; save(): void; count(): number } {
  const file = join(root, 'rules/redos-verified.json');
  let verified = new Set<string>();
  if (!all) try { verified = new Set(JSON.parse(readFileSync(file, 'utf8')).safe); } catch { /* none yet */ }
  const used = new Set<string>();
  let n = 0;
  return {
    check(source) {
      n++;
      const key = createHash('sha1').update(`iu/${source}`).digest('hex').slice(0, 16);
      used.add(key);
      if (verified.has(key)) return null;
      const r = checkSync(source, 'iu', { timeout: 10000 });
      if (r.status === 'safe') { verified.add(key); return null; }
      if (r.status === 'vulnerable') {
        const c = r.complexity as any;
        const kind = c?.type === 'polynomial' ? `polynomial (degree ${c.degree})` : c?.type ?? 'super-linear';
        return `${kind} backtracking, e.g. on ${JSON.stringify(String((r as any).attack?.string ?? '').slice(0, 40))}; bound the repetition or make the alternatives disjoint`;
      }
      return `recheck could not prove it safe within 10 s (${(r as any).error?.kind ?? r.status}); simplify it`;
    },
    save() {
      const safe = [...verified].filter((k) => used.has(k)).sort();
      writeFileSync(file, JSON.stringify({ note: 'sha1 of regexes in rules/ that recheck proved safe; maintained by build.mjs', safe }, null, 0).replace(/","/g, '",\n"') + '\n');
    },
    count: () => n,
  };
}

export function compileRulesDir(root: string, opts: { redos?: boolean; recheckAll?: boolean } = {}): { rules: ReturnType<typeof toCompiled>[]; source: SourceRule[]; errors: RuleError[]; files: number; redosChecked: number } {
  const files = ruleFiles(root);
  const redos = opts.redos === false ? null : redosChecker(root, opts.recheckAll);
  const { rules, errors } = compileRules(files, redos?.check);
  redos?.save();
  return { rules: rules.map(toCompiled), source: rules, errors, files: files.length, redosChecked: redos?.count() ?? 0 };
}
