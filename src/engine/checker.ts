/**
 * The checker: compiled rules in, findings out. Pure and synchronous; no DOM, no Node.
 *
 * Per language, every phrase/regex rule is folded into ONE combined regex that finds the
 * positions where any rule matches (~20 µs for a 2,000-char email); only there are the rules'
 * own sticky regexes run, to tell which rules matched and where their flagged span is.
 * Pattern rules (compromise) tag only the sentences their trigger matches. Whole-reply checks
 * (bare links) run on the whole text.
 */
import { findBareLinks, MAY_HAVE_LINK, type BareLinkParams } from './bare-link.js';
import { detectLanguages } from './lang.js';
import { fold, unfoldSpan } from './normalize.js';
import { expandWordClass, needsUnicode, WORD_CLASS_MARK } from './phrase.js';
import { lowerKeepLength, lowerSource } from './lower.js';
import { overlapsAny, quotedRanges } from './quotes.js';
import { getTagger } from './tagger.js';
import type { Category, CheckOptions, CompiledRule, Finding, Lang, RuleBundle } from './types.js';
import { LANGS } from './types.js';

/**
 * A phrase/regex rule. Its regexes are compiled on first use: V8 compiles a regex when it first
 * runs it, and most rules never run on a given reply (their anchors are absent).
 */
class Local {
  private s: RegExp | null = null;
  private g: RegExp | null = null;
  private lowered: { source: string; ci: boolean } | null = null;
  constructor(readonly rule: CompiledRule, readonly unless: RegExp[]) {}
  /** The source as it runs: lowercased, on lowercased text (see lower.ts). */
  get src() { return (this.lowered ??= lowerSource(this.rule.source!)); }
  private flags(kind: string) { return base(this.src) + kind + (this.src.source.includes('(?<span>') ? 'd' : ''); }
  /** Sticky: does the rule match exactly here? */
  get sticky(): RegExp { return (this.s ??= new RegExp(this.src.source, this.flags('y'))); }
  /** Global: run over the windows around anchor hits. */
  get global(): RegExp { return (this.g ??= new RegExp(this.src.source, this.flags('g'))); }
}

/** The flags a lowercased source runs with: u when it needs it, i only when it kept its case. */
const base = (s: { source: string; ci: boolean }) => (needsUnicode(s.source) ? 'u' : '') + (s.ci ? 'i' : '');
/** A regex over lowercased text. */
const lowered = (src: string, extra = '') => { const l = lowerSource(src); return new RegExp(l.source, base(l) + extra); };
type LocalRule = Local;
interface PatternRule { rule: CompiledRule; trigger: RegExp; unless: RegExp[]; }
interface CheckRule { rule: CompiledRule; params: BareLinkParams; }
interface MissingRule { rule: CompiledRule; needs: RegExp; at: RegExp | null; }

interface LangPack {
  /** Rules without anchors: one combined regex per flag set finds where any of them matches. */
  combined: RegExp[];
  /** Every anchor of the language in one alternation of literals (longest first). */
  anchorRe: RegExp | null;
  /** Lowercase matched anchor -> the rules it (or any anchor that is a prefix of it) stands for. */
  byAnchor: Map<string, LocalRule[]>;
  /** Rules without anchors (run through `combined`). */
  anchorless: LocalRule[];
  local: LocalRule[];
  patterns: PatternRule[];
  checks: CheckRule[];
  missing: MissingRule[];
}

export interface Checker {
  check(text: string, options?: CheckOptions): Finding[];
  /** Findings of phrase/regex/pattern rules whose match starts in [from, to) of text. */
  checkLocal(text: string, from: number, to: number, langs: Lang[], options?: CheckOptions): Finding[];
  /** Findings of whole-reply checks (bare links). */
  checkWhole(text: string, langs: Lang[], options?: CheckOptions): Finding[];
  languages(text: string, options?: CheckOptions): Lang[];
  /**
   * Compile a language's regexes ahead of the first check, a little at a time: call it from idle
   * callbacks with the time left; it returns true once everything is compiled. V8 compiles a
   * regex on its first run and again to native code on a later one; doing both here keeps that
   * cost off the agent's first keystrokes.
   */
  warm(lang: Lang, timeLeft: () => number): boolean;
  rules: readonly CompiledRule[];
}

const SPAN_GROUP = /\(\?<span>/g;

/** Put the word-character class back into a bundled rule's regexes (see WORD_CLASS_MARK). */
function expandRule(r: CompiledRule): CompiledRule {
  if (!r.source?.includes(WORD_CLASS_MARK) && !r.unless && !r.params) return r;
  return {
    ...r,
    ...(r.source ? { source: expandWordClass(r.source) } : {}),
    ...(r.unless ? { unless: r.unless.map(expandWordClass) } : {}),
    ...(r.params ? { params: Object.fromEntries(Object.entries(r.params).map(([k, v]) => [k, expandWordClass(v)])) } : {}),
  };
}

function pack(rules: CompiledRule[]): LangPack {
  const local: LocalRule[] = [];
  const patterns: PatternRule[] = [];
  const checks: CheckRule[] = [];
  const missing: MissingRule[] = [];
  const unless = (r: CompiledRule) => (r.unless ?? []).map((u) => lowered(u));
  for (const rule of rules) {
    if (rule.kind === 'phrases' || rule.kind === 'regex') {
      local.push(new Local(rule, unless(rule)));
    } else if (rule.kind === 'pattern') {
      patterns.push({ rule, trigger: lowered(rule.source!), unless: unless(rule) });
    } else if (rule.kind === 'check' && rule.check === 'bare-link') {
      const p = rule.params ?? {};
      const rx = (src = '(?!)') => lowered(src);
      checks.push({ rule, params: { referral: rx(p.referral), steps: rx(p.steps), frame: rx(p.frame) } });
    } else if (rule.kind === 'check' && rule.check === 'missing') {
      const src = rule.params?.needs ?? '(?!)';
      missing.push({ rule, needs: lowered(src), at: rule.params?.at ? lowered(rule.params.at, 'd') : null });
    }
  }
  const anchorless = local.filter((l) => !l.rule.anchors?.length);
  const combined: RegExp[] = [];
  for (const flags of ['', 'u', 'i', 'ui']) {
    const group = anchorless.filter((l) => base(l.src) === flags);
    if (group.length) combined.push(new RegExp(group.map((l) => `(?:${l.src.source.replace(SPAN_GROUP, '(?:')})`).join('|'), flags + 'g'));
  }
  const direct = new Map<string, LocalRule[]>();
  for (const l of local) for (const a of l.rule.anchors ?? []) direct.set(a, [...(direct.get(a) ?? []), l]);
  const all = [...direct.keys()].sort((a, b) => b.length - a.length);
  // an anchor found in the text also stands for every anchor that is a prefix of it
  const byAnchor = new Map<string, LocalRule[]>();
  for (const a of all) {
    const rules = new Set<LocalRule>();
    for (let n = 1; n <= a.length; n++) for (const l of direct.get(a.slice(0, n)) ?? []) rules.add(l);
    byAnchor.set(a, [...rules]);
  }
  const anchorRe = all.length ? new RegExp(all.map((a) => lowerKeepLength(a).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g') : null;
  return { combined, anchorRe, byAnchor, anchorless, local, patterns, checks, missing };
}

const SENT_BREAK = /[.!?。！？؟\n]/u;
/** How far around an anchor a rule's match may reach (characters each side). */
const WINDOW = 200;

/** The sentence around [s, e) of text: from the previous sentence end to the next. */
function sentenceAround(text: string, s: number, e: number): string {
  let a = s;
  while (a > 0 && !(SENT_BREAK.test(text[a - 1]!) && (/[\n。！？؟]/.test(text[a - 1]!) || /\s/.test(text[a] ?? ' ')))) a--;
  let b = e;
  while (b < text.length && !SENT_BREAK.test(text[b]!)) b++;
  return text.slice(a, Math.min(text.length, b + 1));
}

/**
 * The last sentence of a reply that says something: sign-off lines ("Best,", a name) and quoted
 * lines are skipped. Returns its [start, end) or null.
 */
export function lastSentence(text: string, quoted: [number, number][]): [number, number] | null {
  let end = text.length;
  while (end > 0) {
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(lineStart, end);
    const words = line.trim().split(/\s+/u).filter(Boolean).length;
    const cjk = /[\u3400-\u9fff]/u.test(line) ? line.trim().length / 2 : 0;
    if (Math.max(words, cjk) >= 4 && !quoted.some(([a, b]) => lineStart < b && end > a)) {
      const e = lineStart + line.trimEnd().length;
      let s = e - 1;
      // back to the previous sentence end inside this line
      while (s > lineStart && !(/[.!?。！？؟]/u.test(text[s - 1]!) && (/\s/u.test(text[s] ?? ' ') || /[。！？]/u.test(text[s - 1]!)))) s--;
      while (s < e && /\s/u.test(text[s]!)) s++;
      return e > s ? [s, e] : null;
    }
    end = lineStart > 0 ? lineStart - 1 : 0;
  }
  return null;
}

function adapt(suggestion: string, text: string, start: number, end: number): string {
  // "$&" in a suggestion stands for the flagged text (a missing-check adds to a sentence)
  if (suggestion.includes('$&')) return suggestion.split('$&').join(text.slice(start, end));
  let s = suggestion;
  const first = text[start] ?? '';
  const isUpper = first !== first.toLowerCase();
  const isLower = first !== first.toUpperCase();
  if (isUpper) s = s.charAt(0).toUpperCase() + s.slice(1);
  else if (isLower && /^\p{Lu}(?:\p{Ll}|\s)/u.test(s) && !/^I(?:\s|')/.test(s)) s = s.charAt(0).toLowerCase() + s.slice(1);
  const next = text[end] ?? '';
  if (/[.!?。！？؟,，]/u.test(next)) s = s.replace(/[.!?。！？؟]+$/u, '');
  return s;
}

export function createChecker(input: RuleBundle): Checker {
  const bundle: RuleBundle = { ...input, rules: input.rules.map(expandRule) };
  // a language's regexes are compiled the first time a reply in it is checked
  const byLang = new Map<Lang, LangPack>();
  const packFor = (lang: Lang): LangPack => {
    let p = byLang.get(lang);
    // situation rules read the customer's message, never the reply (see situations.ts)
    if (!p) { p = pack(bundle.rules.filter((r) => r.lang === lang && r.category !== 'situations')); byLang.set(lang, p); }
    return p;
  };
  const extraPacks = new WeakMap<CompiledRule[], Map<Lang, LangPack>>();

  const packsFor = (langs: Lang[], options?: CheckOptions): LangPack[] => {
    const out = langs.map(packFor);
    const extra = options?.extraRules;
    if (extra?.length) {
      let m = extraPacks.get(extra);
      if (!m) {
        m = new Map();
        for (const l of LANGS) m.set(l, pack(extra.filter((r) => r.lang === l)));
        extraPacks.set(extra, m);
      }
      for (const l of langs) out.push(m.get(l)!);
    }
    return out;
  };

  const enabled = (rule: CompiledRule, options?: CheckOptions): boolean => {
    if (options?.categories && !options.categories.includes(rule.category as Category)) return false;
    if (options?.minSeverity && SEV[rule.severity] < SEV[options.minSeverity]) return false;
    if (rule.when && !(options?.situation && rule.when.includes(options.situation))) return false;
    if (options?.disabledRules?.includes(rule.id)) return false;
    return true;
  };

  const finding = (rule: CompiledRule, text: string, start: number, end: number, options?: CheckOptions): Finding => ({
    ruleId: rule.id,
    category: rule.category as Category,
    severity: rule.severity,
    lang: rule.lang,
    start,
    end,
    text: text.slice(start, end),
    message: options?.messageLang === 'en' ? rule.whyEn : rule.why,
    suggestions: rule.suggestions.map((s) => adapt(s, text, start, end)),
  });

  function checkLocal(text: string, from: number, to: number, langs: Lang[], options?: CheckOptions): Finding[] {
    const slice = from === 0 && to === text.length ? text : text.slice(from, to);
    const f = fold(slice);
    // rules match lowercased text (same offsets); compromise tags the cased text
    const t = lowerKeepLength(f.text);
    const out: Finding[] = [];
    for (const p of packsFor(langs, options)) {
      // 1. anchored rules: find the anchors, run those rules around them
      if (p.anchorRe) {
        const windows = new Map<LocalRule, [number, number][]>();
        const re = p.anchorRe;
        re.lastIndex = 0;
        for (let m; (m = re.exec(t)); ) {
          const rules = p.byAnchor.get(m[0].toLowerCase());
          if (rules) for (const l of rules) {
            if (!enabled(l.rule, options)) continue;
            const w = windows.get(l) ?? [];
            const a = Math.max(0, m.index - WINDOW), b = Math.min(t.length, m.index + m[0].length + WINDOW);
            const last = w[w.length - 1];
            if (last && a <= last[1]) last[1] = Math.max(last[1], b); else w.push([a, b]);
            windows.set(l, w);
          }
          re.lastIndex = m.index + 1;
        }
        for (const [l, ws] of windows) {
          const seen = new Set<number>();
          for (let [a, b] of ws) {
            // start the window at a word boundary so a cut word never looks like a word start
            while (a > 0 && !/\s/.test(t[a - 1]!)) a--;
            const sub = t.slice(a, b);
            const g = l.global;
            g.lastIndex = 0;
            for (let lm; (lm = g.exec(sub)); ) {
              // every start position counts (overlapping matches, as with the sticky regexes below)
              g.lastIndex = lm.index + ((sub.codePointAt(lm.index) ?? 0) > 0xffff ? 2 : 1);
              let s = a + lm.index, e = s + lm[0].length;
              const gi = lm.indices?.groups?.span;
              if (gi) { s = a + gi[0]; e = a + gi[1]; }
              if (lm[0].length === 0) continue;
              if (e <= s || seen.has(s * 65536 + e)) continue;
              seen.add(s * 65536 + e);
              if (l.unless.length && l.unless.some((u) => u.test(sentenceAround(t, s, e)))) continue;
              const [os, oe] = unfoldSpan(f, s, e);
              out.push(finding(l.rule, text, os + from, oe + from, options));
            }
          }
        }
      }
      // 2. rules without anchors: one combined regex finds the positions, their own regexes confirm
      for (const re of p.combined) {
        re.lastIndex = 0;
        for (let m; (m = re.exec(t)); ) {
          const at = m.index;
          for (const l of p.anchorless) {
            if (!enabled(l.rule, options)) continue;
            l.sticky.lastIndex = at;
            const lm = l.sticky.exec(t);
            if (!lm) continue;
            let s = at, e = at + lm[0].length;
            const g = lm.indices?.groups?.span;
            if (g) [s, e] = g;
            if (e <= s) continue;
            if (l.unless.length && l.unless.some((u) => u.test(sentenceAround(t, s, e)))) continue;
            const [os, oe] = unfoldSpan(f, s, e);
            out.push(finding(l.rule, text, os + from, oe + from, options));
          }
          // step one code point: in the middle of a surrogate pair a /u regex would match here again
          re.lastIndex = at + ((t.codePointAt(at) ?? 0) > 0xffff ? 2 : 1);
        }
      }
      if (p.patterns.length) runPatterns(p.patterns, t, f, from, text, out, options);
    }
    return out;
  }

  function runPatterns(rules: PatternRule[], t: string, f: ReturnType<typeof fold>, from: number, text: string, out: Finding[], options?: CheckOptions) {
    const live = rules.filter((r) => enabled(r.rule, options) && r.trigger.test(t));
    if (!live.length) return;
    const nlp = getTagger();
    if (!nlp) return;
    // Tag only the sentences a trigger matches.
    const sentences = new Map<number, string>();
    for (const r of live) {
      const g = new RegExp(r.trigger.source, r.trigger.flags + 'g');
      for (let m; (m = g.exec(t)); ) {
        let a = m.index;
        while (a > 0 && !(SENT_BREAK.test(t[a - 1]!) && (t[a - 1] === '\n' || /\s/.test(t[a] ?? ' ')))) a--;
        let b = m.index + m[0].length;
        while (b < t.length && !SENT_BREAK.test(t[b]!)) b++;
        sentences.set(a, f.text.slice(a, Math.min(t.length, b + 1)));
        if (m[0].length === 0) g.lastIndex++;
      }
    }
    for (const [a, sent] of sentences) {
      const doc = nlp(sent);
      const low = t.slice(a, a + sent.length);
      for (const r of live) {
        if (!r.trigger.test(low)) continue;
        for (const o of doc.match(r.rule.pattern!).out('offset')) {
          const s = a + o.offset.start, e = s + o.offset.length;
          if (e <= s) continue;
          if (r.unless.length && r.unless.some((u) => u.test(low))) continue;
          const [os, oe] = unfoldSpan(f, s, e);
          out.push(finding(r.rule, text, os + from, oe + from, options));
        }
      }
    }
  }

  function checkWhole(text: string, langs: Lang[], options?: CheckOptions): Finding[] {
    const out: Finding[] = [];
    const packs = packsFor(langs, options);
    if (options?.situation && packs.some((p) => p.missing.length)) {
      // checks for what the reply lacks (a next step after panic...): only with a situation
      const quoted = quotedRanges(text);
      let unquoted = text;
      for (const [a, b] of quoted) unquoted = unquoted.slice(0, a) + ' '.repeat(b - a) + unquoted.slice(b);
      const f = fold(unquoted);
      const folded = lowerKeepLength(f.text);
      for (const p of packs) for (const m of p.missing) {
        if (!enabled(m.rule, options) || m.needs.test(folded)) continue;
        if (m.at) {
          // flag where the reply says the thing that needs the missing part ("it's fixed")
          const hit = m.at.exec(folded);
          if (!hit) continue;
          const g = hit.indices?.groups?.span ?? [hit.index, hit.index + hit[0].length];
          const [s, e] = unfoldSpan(f, g[0], g[1]);
          if (e > s) out.push(finding(m.rule, text, s, e, options));
          continue;
        }
        const span = lastSentence(text, quoted);
        if (span) out.push(finding(m.rule, text, span[0], span[1], options));
      }
    }
    if (!MAY_HAVE_LINK.test(text)) return out;
    const f = fold(text);
    for (const p of packs) {
      for (const c of p.checks) {
        if (!enabled(c.rule, options)) continue;
        for (const [s, e] of findBareLinks(lowerKeepLength(f.text), c.params)) {
          const [os, oe] = unfoldSpan(f, s, e);
          out.push(finding(c.rule, text, os, oe, options));
        }
      }
    }
    return out;
  }

  function languages(text: string, options?: CheckOptions): Lang[] {
    const forced = options?.lang;
    return forced && forced !== 'auto' ? [forced] : detectLanguages(text);
  }

  function check(text: string, options?: CheckOptions): Finding[] {
    if (typeof text !== 'string' || text.length === 0) return [];
    const langs = languages(text, options);
    const found = [...checkLocal(text, 0, text.length, langs, options), ...checkWhole(text, langs, options)];
    return finalize(found, quotedRanges(text));
  }

  const warmed = new Map<Lang, number>();
  function warm(lang: Lang, timeLeft: () => number): boolean {
    const p = packFor(lang);
    let i = warmed.get(lang) ?? -1;
    if (i === -1) {
      // the anchor scan and the combined regexes first: every check runs them
      for (const re of [p.anchorRe, ...p.combined]) if (re) { re.lastIndex = 0; re.exec(' '); re.lastIndex = 0; re.exec(' '); }
      i = 0;
    }
    for (; i < p.local.length && timeLeft() > 2; i++) {
      const g = p.local[i]!.global;
      g.lastIndex = 0; g.exec(' '); g.lastIndex = 0; g.exec(' ');
    }
    warmed.set(lang, i);
    return i >= p.local.length;
  }

  return { check, checkLocal, checkWhole, languages, warm, rules: bundle.rules };
}

const SEV = { info: 0, warning: 1, error: 2 } as const;

/**
 * Drop findings in quoted customer text; of overlapping findings of one category keep the
 * longest (then the most severe); sort by position.
 */
export function finalize(found: Finding[], quoted: [number, number][]): Finding[] {
  const kept = found.filter((x) => !overlapsAny(quoted, x.start, x.end));
  // ties go to the rule id, so a re-check of part of the text picks the same rule as a full one
  kept.sort((a, b) => (b.end - b.start) - (a.end - a.start) || SEV[b.severity] - SEV[a.severity] || a.start - b.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  const out: Finding[] = [];
  for (const x of kept) {
    if (out.some((y) => y.category === x.category && x.start < y.end && x.end > y.start)) continue;
    out.push(x);
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

export type { Category };
