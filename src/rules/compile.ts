/**
 * rules/<lang>/<category>.yaml -> CompiledRule[], with errors a maintainer can act on:
 * `file:line  what is wrong`. Pure: the caller reads files and may pass a ReDoS checker
 * (build.mjs passes recheck). Also used at run time for team phrases.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node as YNode, type Document } from 'yaml';
import { createChecker } from '../engine/checker.js';
import { situationChecker } from '../engine/situations.js';
import { flagsFor, L, PhraseError, phraseAnchors, phrasesToRegex, unicodeBoundaries, WORD_CLASS_MARK } from '../engine/phrase.js';
import { regexAnchors } from '../engine/anchors.js';
import { CATEGORIES, LANGS, SEVERITIES, SITUATIONS, type Category, type CompiledRule, type Lang, type Playbook, type Severity, type Situation } from '../engine/types.js';

export interface RuleError { file: string; line: number; message: string; }

export interface SourceRule extends CompiledRule {
  file: string;
  line: number;
  examples: { flag: { text: string; span: string; becomes: string; line: number }[]; pass: { text: string; line: number }[] };
}

export type RedosCheck = (source: string) => string | null; // null = safe, else why it is not

const RULE_FIELDS = ['id', 'severity', 'phrases', 'regex', 'pattern', 'trigger', 'check', 'referral', 'steps', 'frame',
  'why', 'why_en', 'suggestions', 'examples', 'unless', 'note', 'situation', 'when', 'needs', 'at'] as const;
const MATCHERS = ['phrases', 'regex', 'pattern', 'check'] as const;
const ID = /^([a-z]{2})\.([a-z-]+)\.[a-z0-9][a-z0-9-]*$/;

function closest(word: string, options: readonly string[]): string | null {
  let best: string | null = null, bestD = 3;
  for (const o of options) {
    const d = lev(word, o);
    if (d < bestD) { bestD = d; best = o; }
  }
  return best;
}
function lev(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!; dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** Regex sources an author wrote: refuse backreferences and named groups other than span. */
function regexProblem(src: string): string | null {
  if (/\\[1-9]|\\k</.test(src)) return 'backreferences are not allowed';
  const names = [...src.matchAll(/\(\?<([A-Za-z_]\w*)>/g)].map((m) => m[1]);
  const bad = names.filter((n) => n !== 'span');
  if (bad.length) return `only the named group (?<span>…) is allowed, found (?<${bad[0]}>…)`;
  if (names.length > 1) return 'the (?<span>…) group may appear once';
  try { new RegExp(src, 'iu'); new RegExp(unicodeBoundaries(src), flagsFor(unicodeBoundaries(src))); } catch (e) { return `does not compile: ${(e as Error).message}`; }
  return null;
}

export interface CompileFileResult { rules: SourceRule[]; errors: RuleError[]; }

/** Compile one rule file. `file` is its path relative to the repo, e.g. rules/en/blame.yaml. */
export function compileRuleFile(file: string, yamlText: string, redos?: RedosCheck, opts: { pack?: boolean } = {}): CompileFileResult {
  const errors: RuleError[] = [];
  const rules: SourceRule[] = [];
  const lc = new LineCounter();
  const m = /(?:^|\/)rules\/([^/]+)\/([^/]+)\.ya?ml$/.exec(file);
  const err = (node: YNode | null | undefined, message: string) => {
    const off = node?.range?.[0] ?? 0;
    errors.push({ file, line: lc.linePos(off).line, message });
  };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(yamlText, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    errors.push({ file, line: 1, message: `not YAML: ${(e as Error).message}` });
    return { rules, errors };
  }
  for (const e of doc.errors) errors.push({ file, line: lc.linePos(e.pos[0]).line, message: `YAML: ${e.message.split('\n')[0]}` });
  if (errors.length) return { rules, errors };
  // a team pack (opts.pack) is one file of rules in any languages and categories: the id says which
  const pack = !!opts.pack;
  if (!m && !pack) { errors.push({ file, line: 1, message: 'a rule file lives at rules/<lang>/<category>.yaml' }); return { rules, errors }; }
  let lang = (m?.[1] ?? 'en') as Lang, category = (m?.[2] ?? 'cliche') as Category | 'situations';
  if (!pack && !LANGS.includes(lang)) { err(null, `unknown language folder "${lang}" (one of ${LANGS.join(', ')})`); return { rules, errors }; }
  if (!pack && !CATEGORIES.includes(category as Category) && category !== 'situations') { err(null, `unknown category file "${category}" (one of ${CATEGORIES.join(', ')}, or situations, playbooks)`); return { rules, errors }; }
  // situations.yaml reads the customer's message: evidence of a situation, no suggestions
  let reading = category === 'situations';
  const root = doc.contents;
  if (!isMap(root)) { err(root, 'the file must be a map with a "rules:" list'); return { rules, errors }; }
  for (const pair of root.items) {
    const k = String((pair.key as any)?.value ?? pair.key);
    if (k !== 'rules' && !(pack && k === 'name')) err(pair.key as YNode, `unknown top-level field "${k}" (only ${pack ? '"name" and ' : ''}"rules")`);
  }
  const list = root.get('rules', true);
  if (!isSeq(list)) { err(root, '"rules:" must be a list'); return { rules, errors }; }

  for (const item of list.items) {
    const node = item as YNode;
    if (!isMap(node)) { err(node, 'each rule is a map (id, phrases, why, suggestions, examples...)'); continue; }
    const line = lc.linePos(node.range?.[0] ?? 0).line;
    const at = (key: string): YNode => (node.get(key, true) as YNode) ?? node;
    const before = errors.length;
    for (const pair of node.items) {
      const k = String((pair.key as any)?.value ?? pair.key);
      if (!(RULE_FIELDS as readonly string[]).includes(k)) {
        const c = closest(k, RULE_FIELDS);
        err(pair.key as YNode, `unknown field "${k}"${c ? ` (did you mean "${c}"?)` : ''}`);
      }
    }
    const js = node.toJSON() as Record<string, any>;
    const id = js.id;
    if (typeof id !== 'string' || !ID.test(id)) { err(at('id'), `id must look like ${lang}.${category}.some-name (lowercase, digits, hyphens)`); continue; }
    const idm = ID.exec(id)!;
    if (pack) {
      // in a pack the id names the language and category
      if (!LANGS.includes(idm[1] as Lang)) { err(at('id'), `id "${id}": unknown language "${idm[1]}" (one of ${LANGS.join(', ')})`); continue; }
      if (!CATEGORIES.includes(idm[2] as Category)) { err(at('id'), `id "${id}": unknown category "${idm[2]}" (one of ${CATEGORIES.join(', ')})`); continue; }
      lang = idm[1] as Lang; category = idm[2] as Category; reading = false;
    } else if (idm[1] !== lang || idm[2] !== category) err(at('id'), `id "${id}" must start with "${lang}.${category}." to match its file`);
    const severity = (js.severity ?? 'warning') as Severity;
    if (!SEVERITIES.includes(severity)) err(at('severity'), `severity must be one of ${SEVERITIES.join(', ')}`);
    const matchers = MATCHERS.filter((k) => js[k] !== undefined);
    if (matchers.length !== 1) err(node, `a rule needs exactly one matcher of ${MATCHERS.join(' | ')}${matchers.length ? ` (found ${matchers.join(', ')})` : ''}`);
    const why = js.why, whyEn = js.why_en ?? (lang === 'en' ? js.why : undefined);
    if (typeof why !== 'string' || !why.trim()) err(at('why'), 'why: one sentence saying why a support lead would flag this');
    if (lang !== 'en' && (typeof whyEn !== 'string' || !whyEn.trim())) err(at('why_en'), 'why_en: the same sentence in English is required for non-English rules');
    const sugg = reading ? (js.suggestions ?? []) : js.suggestions;
    if (reading) {
      if (js.suggestions !== undefined) err(at('suggestions'), 'situation rules read the customer\'s message: no suggestions (the playbook card gives the moves)');
      if (!SITUATIONS.includes(js.situation)) err(at('situation'), `situation: one of ${SITUATIONS.join(', ')}`);
    } else {
      if (js.situation !== undefined) err(at('situation'), 'situation: only in situations.yaml');
      if (!Array.isArray(sugg) || sugg.length < 1 || sugg.length > 3 || sugg.some((s) => typeof s !== 'string' || !s.trim()))
        err(at('suggestions'), 'suggestions: 1 to 3 human alternatives (strings; "$&" stands for the flagged text)');
    }
    const when = js.when;
    if (category === 'situational') {
      if (!Array.isArray(when) || !when.length || when.some((w) => !SITUATIONS.includes(w)))
        err(at('when'), `when: the situations this check is for (a list of ${SITUATIONS.join(', ')})`);
    } else if (when !== undefined) err(at('when'), 'when: only in situational.yaml');
    const regexSources: [string, YNode][] = [];
    const unless: string[] = [];
    if (js.unless !== undefined) {
      if (!Array.isArray(js.unless)) err(at('unless'), 'unless: a list of regexes');
      else for (const u of js.unless) {
        const p = typeof u === 'string' ? regexProblem(u) : 'must be a string';
        if (p) err(at('unless'), `unless "${u}": ${p}`);
        else { unless.push(unicodeBoundaries(u, lang)); regexSources.push([u, at('unless')]); }
      }
    }

    let kind: CompiledRule['kind'] = 'phrases';
    let source: string | undefined;
    let pattern: string | undefined;
    let params: Record<string, string> | undefined;
    const phraseList = (key: string): string | undefined => {
      const v = js[key];
      if (!Array.isArray(v) || v.length === 0 || v.some((p) => typeof p !== 'string' || !p.trim())) {
        err(at(key), `${key}: a non-empty list of phrases`);
        return undefined;
      }
      try { return phrasesToRegex(v, lang); } catch (e) {
        if (e instanceof PhraseError) { err(at(key), e.message); return undefined; }
        throw e;
      }
    };
    if (matchers.length === 1) {
      kind = matchers[0]!;
      if (kind === 'phrases') {
        // phrases compile to a fixed linear shape (see phrase.ts): no ReDoS check needed
        source = phraseList('phrases');
      } else if (kind === 'regex') {
        if (typeof js.regex !== 'string') err(at('regex'), 'regex: a string');
        else {
          const p = regexProblem(js.regex);
          if (p) err(at('regex'), `regex: ${p}`);
          else { source = unicodeBoundaries(js.regex, lang); regexSources.push([js.regex, at('regex')]); }
        }
      } else if (kind === 'pattern') {
        if (lang !== 'en') err(at('pattern'), 'pattern rules (compromise) are for English only');
        if (typeof js.pattern !== 'string') err(at('pattern'), 'pattern: a compromise match pattern');
        pattern = js.pattern;
        if (typeof js.trigger !== 'string') err(at('pattern'), 'a pattern rule needs trigger: a regex that must match a sentence before it is tagged');
        else {
          const p = regexProblem(js.trigger);
          if (p) err(at('trigger'), `trigger: ${p}`);
          else { source = unicodeBoundaries(js.trigger, lang); regexSources.push([js.trigger, at('trigger')]); }
        }
      } else if (kind === 'check') {
        params = {};
        if (js.check === 'bare-link') {
          if (category !== 'bare-link') err(at('check'), 'check: bare-link belongs in bare-link.yaml');
          for (const key of ['referral', 'steps', 'frame'] as const) {
            if (js[key] === undefined && key === 'frame') continue;
            const src = phraseList(key);
            if (src) params[key] = src;
          }
        } else if (js.check === 'missing') {
          // the reply lacks every one of `needs`: its last sentence is flagged, or with `at:`
          // the first place one of those phrases occurs (and only if one does)
          if (category !== 'situational') err(at('check'), 'check: missing belongs in situational.yaml');
          const src = phraseList('needs');
          if (src) params.needs = src;
          if (js.at !== undefined) { const a = phraseList('at'); if (a) params.at = a; }
        } else err(at('check'), 'check: a whole-reply check, "bare-link" or "missing"');
      }
    }
    const checkKeys: Record<string, string> = { referral: 'bare-link', steps: 'bare-link', frame: 'bare-link', needs: 'missing', at: 'missing' };
    for (const k of ['trigger', 'referral', 'steps', 'frame', 'needs', 'at'] as const) {
      if (js[k] === undefined) continue;
      if (k === 'trigger' ? kind !== 'pattern' : !(kind === 'check' && js.check === checkKeys[k]))
        err(at(k), `${k} only goes with ${k === 'trigger' ? 'pattern rules' : `check: ${checkKeys[k]}`}`);
    }
    if (redos) for (const [src, n] of regexSources) {
      const why = redos(src);
      if (why) err(n, `this pattern can backtrack catastrophically: ${why}`);
    }

    // examples
    const ex = js.examples;
    const exNode = node.get('examples', true) as YNode | undefined;
    const examples: SourceRule['examples'] = { flag: [], pass: [] };
    if (!ex || typeof ex !== 'object') err(at('examples'), 'examples: with flag (must be flagged) and pass (near-misses) lists');
    else {
      for (const k of Object.keys(ex)) if (k !== 'flag' && k !== 'pass') err(exNode, `unknown field "examples.${k}" (flag or pass)`);
      const flagSeq = isMap(exNode) ? exNode.get('flag', true) : null;
      const passSeq = isMap(exNode) ? exNode.get('pass', true) : null;
      if (!isSeq(flagSeq) || flagSeq.items.length === 0) err(exNode, 'examples.flag: at least one text that must be flagged');
      else for (const fi of flagSeq.items) {
        const v = (fi as YNode).toJSON?.() ?? fi;
        const l = lc.linePos((fi as YNode).range?.[0] ?? 0).line;
        if (reading ? (!v || typeof v !== 'object' || typeof v.text !== 'string' || typeof v.span !== 'string' || v.becomes !== undefined)
          : (!v || typeof v !== 'object' || typeof v.text !== 'string' || typeof v.span !== 'string' || typeof v.becomes !== 'string')) {
          errors.push({ file, line: l, message: reading ? 'a flag example of a situation rule has text (a customer message) and span (the evidence)'
            : 'a flag example has text, span (the flagged text) and becomes (the text after applying suggestion 1)' });
          continue;
        }
        for (const k of Object.keys(v)) if (!['text', 'span', 'becomes'].includes(k)) errors.push({ file, line: l, message: `unknown field "${k}" in a flag example` });
        if (!v.text.includes(v.span)) errors.push({ file, line: l, message: `span "${v.span}" is not in the example text` });
        examples.flag.push({ text: v.text, span: v.span, becomes: v.becomes, line: l });
      }
      if (!isSeq(passSeq) || passSeq.items.length === 0) err(exNode, 'examples.pass: at least one near-miss that must not be flagged');
      else for (const pi of passSeq.items) {
        const v = (pi as YNode).toJSON?.() ?? pi;
        const l = lc.linePos((pi as YNode).range?.[0] ?? 0).line;
        if (typeof v !== 'string') { errors.push({ file, line: l, message: 'a pass example is a plain string' }); continue; }
        examples.pass.push({ text: v, line: l });
      }
    }
    if (errors.length > before) continue;
    const anchors = kind === 'phrases' ? phraseAnchors(js.phrases) : kind === 'regex' ? regexAnchors(js.regex) : null;
    rules.push({
      id, lang, category, severity, kind, source, pattern,
      ...(anchors ? { anchors } : {}),
      ...(kind === 'check' ? { check: js.check as 'bare-link' | 'missing', params } : {}),
      ...(unless.length ? { unless } : {}),
      ...(reading ? { situation: js.situation as Situation } : {}),
      ...(category === 'situational' ? { when: when as Situation[] } : {}),
      why: why.trim(), whyEn: String(whyEn).trim(), suggestions: sugg.map((s: string) => s.trim()),
      file, line, examples,
    });
  }
  return { rules, errors };
}

/** Apply a finding's first suggestion. */
export function applyFirst(text: string, f: { start: number; end: number; suggestions: string[] }): string {
  return text.slice(0, f.start) + (f.suggestions[0] ?? '') + text.slice(f.end);
}

/** Run one rule's examples; returns the failures as errors. */
export function testRuleExamples(rule: SourceRule): RuleError[] {
  const errors: RuleError[] = [];
  const checker = rule.category === 'situations' ? situationChecker([rule]) : createChecker({ version: 1, rules: [rule] });
  const opts = { lang: rule.lang, situation: rule.when?.[0] ?? null };
  if (rule.when) {
    // a situational check stays silent when the customer's message shows no such situation
    const quiet = rule.examples.flag.find((ex) => checker.check(ex.text, { lang: rule.lang }).some((f) => f.ruleId === rule.id));
    if (quiet) errors.push({ file: rule.file, line: quiet.line, message: `${rule.id}: flagged without its situation (${rule.when.join(', ')})` });
  }
  for (const ex of rule.examples.flag) {
    const found = checker.check(ex.text, opts).filter((f) => f.ruleId === rule.id);
    const hit = found.find((f) => f.text === ex.span);
    if (!hit) {
      errors.push({ file: rule.file, line: ex.line, message: found.length
        ? `${rule.id}: flagged "${found.map((f) => f.text).join('", "')}" but the example's span is "${ex.span}"`
        : `${rule.id}: example is not flagged: "${ex.text}"` });
      continue;
    }
    if (rule.category === 'situations') continue;
    const after = applyFirst(ex.text, hit);
    if (after !== ex.becomes) errors.push({ file: rule.file, line: ex.line, message: `${rule.id}: after applying suggestion 1 the text is\n      "${after}"\n    but becomes: says\n      "${ex.becomes}"` });
  }
  for (const ex of rule.examples.pass) {
    const found = checker.check(ex.text, opts).filter((f) => f.ruleId === rule.id);
    if (found.length) errors.push({ file: rule.file, line: ex.line, message: `${rule.id}: near-miss is flagged ("${found[0]!.text}"): "${ex.text}"` });
  }
  return errors;
}

const PLAYBOOK_FIELDS = ['title', 'moves', 'starters'] as const;

/**
 * rules/<lang>/playbooks.yaml: for every situation a card with a title, 2-5 moves (what a
 * seasoned lead would do) and 1-3 starter sentences the agent can insert, in that language.
 */
export function compilePlaybookFile(file: string, yamlText: string): { lang: Lang | null; playbooks: Partial<Record<Situation, Playbook>>; errors: RuleError[] } {
  const errors: RuleError[] = [];
  const playbooks: Partial<Record<Situation, Playbook>> = {};
  const lc = new LineCounter();
  const lang = (/(?:^|\/)rules\/([^/]+)\/playbooks\.ya?ml$/.exec(file)?.[1] ?? null) as Lang | null;
  const err = (node: YNode | null | undefined, message: string) => errors.push({ file, line: lc.linePos(node?.range?.[0] ?? 0).line, message });
  const doc = parseDocument(yamlText, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) errors.push({ file, line: lc.linePos(e.pos[0]).line, message: `YAML: ${e.message.split('\n')[0]}` });
  if (errors.length) return { lang, playbooks, errors };
  if (!lang || !LANGS.includes(lang)) { err(null, `playbooks live at rules/<lang>/playbooks.yaml (lang one of ${LANGS.join(', ')})`); return { lang: null, playbooks, errors }; }
  const root = doc.contents;
  const map = isMap(root) ? root.get('playbooks', true) : null;
  if (!isMap(root) || !isMap(map)) { err(root as YNode, 'the file must be a map with "playbooks:", one entry per situation'); return { lang, playbooks, errors }; }
  for (const pair of root.items) {
    const k = String((pair.key as any)?.value ?? pair.key);
    if (k !== 'playbooks') err(pair.key as YNode, `unknown top-level field "${k}" (only "playbooks")`);
  }
  for (const pair of map.items) {
    const sit = String((pair.key as any)?.value ?? pair.key) as Situation;
    const node = pair.value as YNode;
    if (!SITUATIONS.includes(sit)) { err(pair.key as YNode, `unknown situation "${sit}"${closest(sit, SITUATIONS) ? ` (did you mean "${closest(sit, SITUATIONS)}"?)` : ''}`); continue; }
    if (!isMap(node)) { err(node, `${sit}: a map with title, moves, starters`); continue; }
    const before = errors.length;
    for (const p of node.items) {
      const k = String((p.key as any)?.value ?? p.key);
      if (!(PLAYBOOK_FIELDS as readonly string[]).includes(k)) err(p.key as YNode, `${sit}: unknown field "${k}" (title, moves, starters)`);
    }
    const js = node.toJSON() as Record<string, unknown>;
    const at = (k: string) => (node.get(k, true) as YNode) ?? node;
    const strings = (k: string, min: number, max: number) => {
      const v = js[k];
      if (!Array.isArray(v) || v.length < min || v.length > max || v.some((x) => typeof x !== 'string' || !x.trim())) {
        err(at(k), `${sit}.${k}: ${min} to ${max} sentences`);
        return [];
      }
      return (v as string[]).map((x) => x.trim());
    };
    if (typeof js.title !== 'string' || !js.title.trim()) err(at('title'), `${sit}.title: a short name for the situation`);
    const moves = strings('moves', 2, 5), starters = strings('starters', 1, 3);
    if (errors.length === before) playbooks[sit] = { title: String(js.title).trim(), moves, starters };
  }
  for (const sit of SITUATIONS) if (!playbooks[sit] && !errors.length) err(map, `no playbook for "${sit}"`);
  return { lang, playbooks, errors };
}

export interface CompiledSet { rules: SourceRule[]; errors: RuleError[]; playbooks: NonNullable<import('../engine/types.js').RuleBundle['playbooks']>; }

/** Compile a set of files, check ids are unique across them, run every example. */
export function compileRules(files: { file: string; text: string }[], redos?: RedosCheck, runExamples = true): CompiledSet {
  const rules: SourceRule[] = [];
  const errors: RuleError[] = [];
  const playbooks: CompiledSet['playbooks'] = {};
  const seen = new Map<string, SourceRule>();
  for (const { file, text } of files) {
    if (/\/playbooks\.ya?ml$/.test(file)) {
      const p = compilePlaybookFile(file, text);
      errors.push(...p.errors);
      if (p.lang) playbooks[p.lang] = p.playbooks;
      continue;
    }
    const r = compileRuleFile(file, text, redos);
    errors.push(...r.errors);
    for (const rule of r.rules) {
      const prev = seen.get(rule.id);
      if (prev) { errors.push({ file, line: rule.line, message: `duplicate id "${rule.id}" (also at ${prev.file}:${prev.line})` }); continue; }
      seen.set(rule.id, rule);
      rules.push(rule);
    }
  }
  if (runExamples) for (const rule of rules) errors.push(...testRuleExamples(rule));
  return { rules, errors, playbooks };
}

/** Strip maintainers' fields and shorten the word-character class: what ships to the browser. */
export function toCompiled(r: SourceRule): CompiledRule {
  const { file: _f, line: _l, examples: _e, ...rest } = r;
  const short = (x: string) => x.split(L).join(WORD_CLASS_MARK);
  return {
    ...rest,
    ...(rest.source ? { source: short(rest.source) } : {}),
    ...(rest.unless ? { unless: rest.unless.map(short) } : {}),
    ...(rest.params ? { params: Object.fromEntries(Object.entries(rest.params).map(([k, v]) => [k, short(v)])) } : {}),
  };
}

export { compileTeamPhrases, type TeamPhrase } from './team.js';
