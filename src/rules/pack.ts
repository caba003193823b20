/**
 * Team rule packs: one YAML file in the rules/ format (`name:` and `rules:`; each rule's id says
 * its language and category, e.g. `en.cliche.acme-ticket-speak`), loaded from the options page
 * or pushed by admin policy, compiled in the browser without a rebuild. The same compiler and
 * the same example tests as rules/; regexes, which recheck can't check here, must pass a static
 * screen (no nested unbounded repetition) and a runtime probe. `tact rules test --pack FILE`
 * runs the full build-time checks on a pack before it is shipped.
 */
import { compileRuleFile, testRuleExamples, toCompiled } from './compile.js';
import { nestedRepetition, probeRuntime } from './probe.js';
import { flagsFor, unicodeBoundaries } from '../engine/phrase.js';
import type { CompiledRule } from '../engine/types.js';

export interface PackResult { name: string; rules: CompiledRule[]; errors: string[]; }

/** Worst time a pack regex may take on a 2,000-character adversarial input. */
const PROBE_MS = 50;

export function compileTeamPack(name: string, yamlText: string, builtinIds: ReadonlySet<string> = new Set()): PackResult {
  const label = `team pack "${name}"`;
  if (typeof yamlText !== 'string' || !yamlText.trim()) return { name, rules: [], errors: [`${label}: the file is empty`] };
  const redos = (src: string): string | null => {
    const shape = nestedRepetition(src);
    if (shape) return shape;
    const u = unicodeBoundaries(src);
    const { worstMs } = probeRuntime(u, flagsFor(u), '', 2_000);
    return worstMs > PROBE_MS ? `took ${worstMs.toFixed(0)} ms on a 2,000-character test input` : null;
  };
  let res;
  try {
    res = compileRuleFile(label, yamlText, redos, { pack: true });
  } catch (e) {
    return { name, rules: [], errors: [`${label}: ${(e as Error).message}`] };
  }
  const errors = res.errors.map((e) => `${label}, line ${e.line}: ${e.message}`);
  const rules: CompiledRule[] = [];
  const seen = new Set<string>();
  for (const r of res.rules) {
    if (builtinIds.has(r.id)) { errors.push(`${label}, line ${r.line}: id "${r.id}" is a built-in rule's; give the team rule its own name`); continue; }
    if (seen.has(r.id)) { errors.push(`${label}, line ${r.line}: duplicate id "${r.id}"`); continue; }
    seen.add(r.id);
    const failed = testRuleExamples(r);
    if (failed.length) { errors.push(...failed.map((e) => `${label}, line ${e.line}: ${e.message}`)); continue; }
    rules.push(toCompiled(r));
  }
  return { name, rules, errors };
}
