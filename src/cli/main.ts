/**
 * `tact`: the Tact engine on the command line.
 *
 *   tact check FILE...            lint files like a linter (file:line:col  category  message)
 *   tact check --jsonl            stdin lines {"id","text","lang"?} -> one line per input, in order
 *   tact check --thread FILE      a JSON file {"customer", "reply"}: the situation the customer's
 *                                 message shows, its playbook card, and the reply's findings
 *   tact rules test [--lang xx]   run every rule's examples
 *   tact rules list [--lang xx]   list rules
 *   tact rules new LANG CATEGORY ID   scaffold a rule
 * Options: --lang xx (force), --format json, --category a,b, --disable id,id, --rules-dir DIR
 * Exit: 0 clean, 1 something flagged (or a rule test failed), 2 bad input.
 */
import { readFileSync, existsSync, appendFileSync, mkdirSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import bundled from '../generated/rules.json';
import { createChecker, type Checker } from '../engine/checker.js';
import { createSituationDetector, type SituationDetector } from '../engine/situations.js';
import { setTaggerLoader } from '../engine/tagger.js';
import { CATEGORIES, LANGS, type Category, type CheckOptions, type Finding, type Lang, type RuleBundle } from '../engine/types.js';

const require = createRequire(import.meta.url);
setTaggerLoader(() => require('compromise'));

class UsageError extends Error {}

const USAGE = `usage:
  tact check [--lang xx] [--format text|json] [--category c1,c2] [--disable rule.id,...] [--exit-zero] FILE|FOLDER...
  tact check --jsonl [--lang xx]        read {"id","text","lang"?,"customer"?} lines on stdin
  tact check --thread FILE [--format json]  FILE: {"customer": "...", "reply": "..."}
  tact rules test [--lang xx]           run every rule's examples
  tact rules test --pack FILE           check a team rule pack (examples, ReDoS)
  tact rules list [--lang xx]           list the rules
  tact rules new LANG CATEGORY NAME     scaffold a rule in rules/LANG/CATEGORY.yaml
languages: ${LANGS.join(' ')}   categories: ${CATEGORIES.join(' ')}`;

interface Args { _: string[]; flags: Map<string, string | true>; }
function parseArgs(argv: string[]): Args {
  const _: string[] = [];
  const flags = new Map<string, string | true>();
  const takesValue = new Set(['lang', 'format', 'category', 'disable', 'rules-dir', 'thread', 'pack']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (v !== undefined) flags.set(k, v);
      else if (takesValue.has(k)) {
        const next = argv[++i];
        if (next === undefined) throw new UsageError(`--${k} needs a value`);
        flags.set(k, next);
      } else flags.set(k, true);
    } else _.push(a);
  }
  return { _, flags };
}

function optionsFrom(a: Args): CheckOptions {
  const o: CheckOptions = {};
  const lang = a.flags.get('lang');
  if (typeof lang === 'string') {
    if (lang !== 'auto' && !LANGS.includes(lang as Lang)) throw new UsageError(`unknown language "${lang}" (one of ${LANGS.join(', ')}, or auto)`);
    o.lang = lang as Lang | 'auto';
  }
  const cats = a.flags.get('category');
  if (typeof cats === 'string') {
    const list = cats.split(',').map((s) => s.trim()).filter(Boolean);
    for (const c of list) if (!CATEGORIES.includes(c as Category)) throw new UsageError(`unknown category "${c}" (one of ${CATEGORIES.join(', ')})`);
    o.categories = list as Category[];
  }
  const dis = a.flags.get('disable');
  if (typeof dis === 'string') o.disabledRules = dis.split(',').map((s) => s.trim()).filter(Boolean);
  return o;
}

let detector: SituationDetector = createSituationDetector(bundled as RuleBundle);

async function loadChecker(a: Args): Promise<Checker> {
  const dir = a.flags.get('rules-dir');
  if (typeof dir === 'string') {
    // Development: compile rules/ from source at start-up (no ReDoS check; `npm run build` does that).
    const { compileRulesDir } = await import(/* @vite-ignore */ pathToCompiler());
    const r = compileRulesDir(resolve(dir, '..'), { redos: false, examples: false });
    if (r.errors.length) {
      // keep going with the rules that compiled: in development other files may be mid-edit
      for (const e of r.errors) process.stderr.write(`${e.file}:${e.line}  ${e.message}\n`);
      process.stderr.write(`tact: ${r.errors.length} problem(s) in ${dir}; checking with the ${r.rules.length} rules that compiled\n`);
    }
    const b: RuleBundle = { version: 1, rules: r.rules, playbooks: r.playbooks };
    detector = createSituationDetector(b);
    return createChecker(b);
  }
  return createChecker(bundled as RuleBundle);
}

function pathToCompiler(): string {
  const here = dirname(new URL(import.meta.url).pathname);
  return 'file://' + join(here, '../../.build/compile.mjs');
}

function lineCol(text: string, offset: number): [number, number] {
  let line = 1, last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) { line++; last = i; }
  return [line, offset - last];
}

const publicFinding = (f: Finding) => ({ ruleId: f.ruleId, category: f.category, severity: f.severity, start: f.start, end: f.end, text: f.text, message: f.message, suggestions: f.suggestions });

async function cmdCheck(a: Args): Promise<number> {
  const checker = await loadChecker(a);
  const opts = optionsFrom(a);
  if (a.flags.has('jsonl')) return checkJsonl(checker, opts);
  const thread = a.flags.get('thread');
  if (thread !== undefined) return checkThread(checker, opts, thread, a);
  const files = expandFiles(a._.slice(1));
  if (!files.length) throw new UsageError('tact check needs FILE... (or a folder) or --jsonl');
  const format = a.flags.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format is text or json, not "${format}"`);
  let flagged = 0;
  const report: { file: string; findings: ReturnType<typeof publicFinding>[] }[] = [];
  for (const file of files) {
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch (e) { throw new UsageError(`cannot read ${file}: ${(e as Error).message}`); }
    const found = checker.check(text, opts);
    flagged += found.length;
    if (format === 'json') { report.push({ file, findings: found.map(publicFinding) }); continue; }
    for (const f of found) {
      const [l, c] = lineCol(text, f.start);
      process.stdout.write(`${file}:${l}:${c}  ${f.category.padEnd(14)} ${f.message}  [${f.ruleId}]\n`);
      process.stdout.write(`    "${f.text.replace(/\s+/g, ' ')}"${f.suggestions.length ? ` -> ${f.suggestions.map((s) => `"${s}"`).join(' | ')}` : ''}\n`);
    }
  }
  if (format === 'json') process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else if (flagged) process.stdout.write(`\n${flagged} finding(s) in ${files.length} file(s)\n`);
  return flagged && !a.flags.has('exit-zero') ? 1 : 0;
}

/** `--thread FILE`: the customer's message and the agent's reply, checked together. */
function checkThread(checker: Checker, opts: CheckOptions, file: string | true, a: Args): number {
  if (typeof file !== 'string') throw new UsageError('--thread needs a FILE');
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  let obj: any;
  try { obj = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { throw new UsageError(`${file}: not JSON (${(e as Error).message.split('\n')[0]})`); }
  if (!obj || typeof obj !== 'object' || typeof obj.customer !== 'string' || typeof obj.reply !== 'string')
    throw new UsageError(`${file}: expected {"customer": "the customer's latest message", "reply": "the agent's reply"}`);
  const format = a.flags.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format is text or json, not "${format}"`);
  const o = { ...opts };
  if (!o.lang && typeof obj.lang === 'string' && LANGS.includes(obj.lang)) o.lang = obj.lang;
  const sit = detector.detect(obj.customer, { lang: o.lang });
  const found = checker.check(obj.reply, { ...o, situation: sit.situation });
  const replyLang = checker.languages(obj.reply, o)[0] ?? sit.lang ?? 'en';
  const card = sit.situation ? detector.playbook(sit.situation, replyLang) : null;
  const situation = sit.situation ? {
    id: sit.situation, also: sit.all.slice(1), lang: sit.lang,
    evidence: sit.evidence.map(({ ruleId, situation, start, end, text }) => ({ ruleId, situation, start, end, text })),
    playbook: card,
  } : null;
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ file, situation, findings: found.map(publicFinding) }, null, 2) + '\n');
  } else {
    if (situation) {
      process.stdout.write(`${file}: customer: ${card?.title ?? situation.id} [${situation.id}]  evidence: ${situation.evidence.map((e) => `"${e.text}"`).join(', ')}\n`);
      for (const m of card?.moves ?? []) process.stdout.write(`    - ${m}\n`);
      if (card?.starters.length) process.stdout.write(`    start with: "${card.starters[0]}"\n`);
    } else process.stdout.write(`${file}: customer: no difficult situation detected\n`);
    for (const f of found) {
      const [l, c] = lineCol(obj.reply, f.start);
      process.stdout.write(`${file}:reply:${l}:${c}  ${f.category.padEnd(14)} ${f.message}  [${f.ruleId}]\n`);
      process.stdout.write(`    "${f.text.replace(/\s+/g, ' ')}"${f.suggestions.length ? ` -> ${f.suggestions.map((s) => `"${s}"`).join(' | ')}` : ''}\n`);
    }
  }
  return found.length && !a.flags.has('exit-zero') ? 1 : 0;
}

/** Folders expand to the text files in them (.txt .md .html .eml), sorted. */
function expandFiles(args: string[]): string[] {
  const out: string[] = [];
  for (const f of args) {
    if (existsSync(f) && statSync(f).isDirectory()) {
      for (const e of readdirSync(f).sort()) if (/\.(txt|md|html?|eml)$/i.test(e)) out.push(join(f, e));
    } else out.push(f);
  }
  return out;
}

async function checkJsonl(checker: Checker, opts: CheckOptions): Promise<number> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0, flagged = 0, bad = 0;
  for await (const line of rl) {
    n++;
    if (!line.trim()) continue;
    let obj: any;
    try { obj = JSON.parse(line); } catch {
      process.stderr.write(`stdin:${n}: not JSON\n`);
      process.stdout.write(JSON.stringify({ id: null, error: 'not JSON', findings: [] }) + '\n');
      bad++; continue;
    }
    if (!obj || typeof obj.text !== 'string') {
      process.stderr.write(`stdin:${n}: needs a "text" string\n`);
      process.stdout.write(JSON.stringify({ id: obj?.id ?? null, error: 'needs a "text" string', findings: [] }) + '\n');
      bad++; continue;
    }
    const o = { ...opts };
    if (!o.lang && typeof obj.lang === 'string' && LANGS.includes(obj.lang)) o.lang = obj.lang;
    // with the customer's message, the reply is checked for that situation too
    const sit = typeof obj.customer === 'string' ? detector.detect(obj.customer, { lang: o.lang }) : null;
    if (sit) o.situation = sit.situation;
    const found = obj.text ? checker.check(obj.text, o) : [];
    flagged += found.length ? 1 : 0;
    process.stdout.write(JSON.stringify({ id: obj.id ?? null, ...(sit ? { situation: sit.situation, evidence: sit.evidence.map(({ ruleId, situation, start, end, text }) => ({ ruleId, situation, start, end, text })) } : {}), findings: found.map(({ ruleId, category, start, end, message, suggestions }) => ({ ruleId, category, start, end, message, suggestions })) }) + '\n');
  }
  if (bad) return 2;
  return flagged ? 1 : 0;
}

async function cmdRules(a: Args): Promise<number> {
  const sub = a._[1];
  const dir = a.flags.get('rules-dir');
  const root = typeof dir === 'string' ? resolve(dir, '..') : process.cwd();
  const lang = a.flags.get('lang');
  if (sub === 'test' && a.flags.has('pack')) {
    // a team rule pack: the build's checks (examples, recheck for ReDoS), ids must not clash
    const file = a.flags.get('pack');
    if (typeof file !== 'string' || !existsSync(file)) throw new UsageError(`--pack needs a pack file (${String(file)} not found)`);
    const { compileRuleFile, testRuleExamples, redosChecker } = await import(/* @vite-ignore */ pathToCompiler());
    const redos = redosChecker(root, false, false);
    const r = compileRuleFile(file, readFileSync(file, 'utf8'), redos.check, { pack: true });
    const builtin = new Set((bundled as RuleBundle).rules.map((x) => x.id));
    const errs = [...r.errors];
    for (const rule of r.rules) {
      if (builtin.has(rule.id)) errs.push({ file, line: rule.line, message: `id "${rule.id}" is a built-in rule's; give the team rule its own name` });
      errs.push(...testRuleExamples(rule));
    }
    for (const e of errs) process.stdout.write(`${e.file}:${e.line}  ${e.message}\n`);
    process.stdout.write(`${r.rules.length} rules in the pack: ${errs.length ? `${errs.length} problem(s)` : 'all pass'}\n`);
    return errs.length ? 1 : 0;
  }
  if (sub === 'test') {
    const { compileRulesDir } = await import(/* @vite-ignore */ pathToCompiler());
    const r = compileRulesDir(root, { redos: !a.flags.has('no-redos') });
    const errs = typeof lang === 'string' ? r.errors.filter((e: any) => e.file.startsWith(`rules/${lang}/`)) : r.errors;
    const rules = typeof lang === 'string' ? r.source.filter((x: any) => x.lang === lang) : r.source;
    const examples = rules.reduce((n: number, x: any) => n + x.examples.flag.length + x.examples.pass.length, 0);
    for (const e of errs) process.stdout.write(`${e.file}:${e.line}  ${e.message}\n`);
    process.stdout.write(`${rules.length} rules, ${examples} examples: ${errs.length ? `${errs.length} problem(s)` : 'all pass'}\n`);
    return errs.length ? 1 : 0;
  }
  if (sub === 'list') {
    for (const r of (bundled as RuleBundle).rules) if (typeof lang !== 'string' || r.lang === lang) process.stdout.write(`${r.id.padEnd(48)} ${r.kind.padEnd(8)} ${r.whyEn}\n`);
    return 0;
  }
  if (sub === 'new') {
    const [, , l, cat, name] = a._;
    if (!l || !cat || !name) throw new UsageError('tact rules new LANG CATEGORY NAME');
    if (!LANGS.includes(l as Lang)) throw new UsageError(`unknown language "${l}"`);
    if (!CATEGORIES.includes(cat as Category)) throw new UsageError(`unknown category "${cat}"`);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new UsageError('NAME: lowercase letters, digits and hyphens');
    const file = join(root, 'rules', l, `${cat}.yaml`);
    const id = `${l}.${cat}.${name}`;
    if (existsSync(file) && readFileSync(file, 'utf8').includes(`id: ${id}\n`)) throw new UsageError(`${id} already exists in rules/${l}/${cat}.yaml`);
    mkdirSync(dirname(file), { recursive: true });
    if (!existsSync(file)) writeFileSync(file, '# yaml-language-server: $schema=../schema.json\nrules:\n');
    appendFileSync(file, `  - id: ${id}\n    phrases:\n      - TODO phrase\n    why: TODO one sentence\n${l === 'en' ? '' : '    why_en: TODO the same sentence in English\n'}    suggestions:\n      - TODO alternative\n    examples:\n      flag:\n        - text: TODO a reply with the phrase\n          span: TODO phrase\n          becomes: TODO the reply after applying the first suggestion\n      pass:\n        - TODO a near-miss that must not be flagged\n`);
    process.stdout.write(`added ${id} to rules/${l}/${cat}.yaml; fill in the TODOs, then run: npx tact rules test --lang ${l}\n`);
    return 0;
  }
  throw new UsageError('tact rules test | list | new');
}

export async function main(argv: string[]): Promise<number> {
  try {
    const a = parseArgs(argv);
    if (a.flags.has('help') || a._.length === 0) { process.stdout.write(USAGE + '\n'); return a._.length === 0 && !a.flags.has('help') ? 2 : 0; }
    if (a._[0] === 'check') return await cmdCheck(a);
    if (a._[0] === 'rules') return await cmdRules(a);
    throw new UsageError(`unknown command "${a._[0]}"`);
  } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`tact: ${e.message}\n\n${USAGE}\n`); return 2; }
    process.stderr.write(`tact: internal error: ${(e as Error).message}\n`);
    return 2;
  }
}
