/** Node-side rule compilation for build.mjs and the CLI: reads rules/, checks ReDoS with recheck. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkSync } from 'recheck';
import { setTaggerLoader } from '../engine/tagger.js';
import { flagsFor, unicodeBoundaries } from '../engine/phrase.js';
import { probeRuntime } from './probe.js';
import { compileRules, toCompiled, type CompiledSet, type RedosCheck, type RuleError, type SourceRule } from './compile.js';
import { createRequire } from 'node:module';

export { compileRuleFile, compileRules, testRuleExamples } from './compile.js';
export { probeRuntime } from './probe.js';
export { rulesDoc } from './docs.js';

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
export function redosChecker(root: string, all = false, persist = true): { check: RedosCheck; save(): void; count(): number } {
  const file = join(root, 'rules/redos-verified.json');
  let verified = new Set<string>();
  if (!all) try { verified = new Set(JSON.parse(readFileSync(file, 'utf8')).safe); } catch { /* none yet */ }
  const used = new Set<string>();
  let n = 0, checked = 0;
  // written after every new verdict, so an interrupted build keeps what it proved
  const save = () => persist && writeFileSync(file, JSON.stringify({ note: 'sha1 of regexes in rules/ that recheck proved safe; maintained by build.mjs', safe: [...verified].sort() }, null, 0).replace(/","/g, '",\n"') + '\n');
  return {
    check(source) {
      n++;
      const flags = flagsFor(unicodeBoundaries(source));
      const key = createHash('sha1').update(`${flags}/${source}`).digest('hex').slice(0, 16);
      used.add(key);
      if (verified.has(key)) return null;
      // checked with the flags it runs with (without u when it can: much faster to analyse too)
      const t0 = Date.now();
      const r = checkSync(source, flags, { timeout: 4000 });
      checked++;
      if (process.env.TACT_REDOS_LOG) process.stderr.write(`redos ${checked}: ${r.status} in ${Date.now() - t0} ms: ${source.slice(0, 70)}\n`);
      if (r.status === 'safe') { verified.add(key); save(); return null; }
      if (r.status === 'vulnerable' && (r.complexity as any)?.type === 'polynomial') {
        // bounded gaps ([^.]{0,60}) are reported as polynomial; accept them only if recheck's own
        // attack string, pumped to 20,000 characters, still runs fast as the engine runs it
        const attack = String((r as any).attack?.string ?? '');
        const probe = probeRuntime(unicodeBoundaries(source), flags, attack);
        if (process.env.TACT_REDOS_LOG) process.stderr.write(`  polynomial; runtime probe with the attack string: ${probe.worstMs.toFixed(1)} ms\n`);
        if (probe.worstMs <= PROBE_LIMIT_MS) { verified.add(key); save(); return null; }
      }
      if (r.status === 'vulnerable') {
        const c = r.complexity as any;
        const kind = c?.type === 'polynomial' ? `polynomial (degree ${c.degree})` : c?.type ?? 'super-linear';
        return `${kind} backtracking, e.g. on ${JSON.stringify(String((r as any).attack?.string ?? '').slice(0, 40))}; bound the repetition or make the alternatives disjoint`;
      }
      // recheck ran out of time (large alternations): probe the regex as it runs, on adversarial
      // inputs built from its own literals; accept it only if it stays linear in practice
      const probe = probeRuntime(unicodeBoundaries(source), flags);
      if (process.env.TACT_REDOS_LOG) process.stderr.write(`  runtime probe: ${probe.worstMs.toFixed(1)} ms worst on 20,000-char inputs\n`);
      if (probe.worstMs <= PROBE_LIMIT_MS) { verified.add(key); save(); return null; }
      return `recheck could not decide within 4 s and a 20,000-character adversarial input took ${probe.worstMs.toFixed(0)} ms; simplify it`;
    },
    save() {
      // keep only the regexes still in rules/
      verified = new Set([...verified].filter((k) => used.has(k)));
      save();
    },
    count: () => n,
  };
}

const PROBE_LIMIT_MS = 150;



export function compileRulesDir(root: string, opts: { redos?: boolean; recheckAll?: boolean; examples?: boolean } = {}): { rules: ReturnType<typeof toCompiled>[]; source: SourceRule[]; errors: RuleError[]; playbooks: CompiledSet['playbooks']; files: number; redosChecked: number } {
  const files = ruleFiles(root);
  const redos = opts.redos === false ? null : redosChecker(root, opts.recheckAll);
  const { rules, errors, playbooks } = compileRules(files, redos?.check, opts.examples !== false);
  redos?.save();
  return { rules: rules.map(toCompiled), source: rules, errors, playbooks, files: files.length, redosChecked: redos?.count() ?? 0 };
}
