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
import { overlapsAny, quotedRanges } from './quotes.js';
import { getTagger } from './tagger.js';
import type { Category, CheckOptions, CompiledRule, Finding, Lang, RuleBundle } from './types.js';
import { LANGS } from './types.js';

interface LocalRule {
  rule: CompiledRule;
  sticky: RegExp;
  unless: RegExp[];
}
interface PatternRule { rule: CompiledRule; trigger: RegExp; unless: RegExp[]; }
interface CheckRule { rule: CompiledRule; params: BareLinkParams; }

interface LangPack {
  combined: RegExp | null;
  local: LocalRule[];
  patterns: PatternRule[];
  checks: CheckRule[];
}

export interface Checker {
  check(text: string, options?: CheckOptions): Finding[];
  /** Findings of phrase/regex/pattern rules whose match starts in [from, to) of text. */
  checkLocal(text: string, from: number, to: number, langs: Lang[], options?: CheckOptions): Finding[];
  /** Findings of whole-reply checks (bare links). */
  checkWhole(text: string, langs: Lang[], options?: CheckOptions): Finding[];
  languages(text: string, options?: CheckOptions): Lang[];
  rules: readonly CompiledRule[];
}

const SPAN_GROUP = /\(\?<span>/g;

function pack(rules: CompiledRule[]): LangPack {
  const local: LocalRule[] = [];
  const patterns: PatternRule[] = [];
  const checks: CheckRule[] = [];
  const unless = (r: CompiledRule) => (r.unless ?? []).map((u) => new RegExp(u, 'iu'));
  for (const rule of rules) {
    if (rule.kind === 'phrases' || rule.kind === 'regex') {
      local.push({ rule, sticky: new RegExp(rule.source!, rule.source!.includes('(?<span>') ? 'iuyd' : 'iuy'), unless: unless(rule) });
    } else if (rule.kind === 'pattern') {
      patterns.push({ rule, trigger: new RegExp(rule.source!, 'iu'), unless: unless(rule) });
    } else if (rule.kind === 'check' && rule.check === 'bare-link') {
      const p = rule.params ?? {};
      checks.push({ rule, params: {
        referral: new RegExp(p.referral ?? '(?!)', 'iu'),
        steps: new RegExp(p.steps ?? '(?!)', 'iu'),
        frame: new RegExp(p.frame ?? '(?!)', 'iu'),
      } });
    }
  }
  const combined = local.length
    ? new RegExp(local.map((l) => `(?:${l.rule.source!.replace(SPAN_GROUP, '(?:')})`).join('|'), 'giu')
    : null;
  return { combined, local, patterns, checks };
}

const SENT_BREAK = /[.!?。！？؟\n]/u;

/** The sentence around [s, e) of text: from the previous sentence end to the next. */
function sentenceAround(text: string, s: number, e: number): string {
  let a = s;
  while (a > 0 && !(SENT_BREAK.test(text[a - 1]!) && (text[a - 1] === '\n' || /\s/.test(text[a] ?? ' ')))) a--;
  let b = e;
  while (b < text.length && !SENT_BREAK.test(text[b]!)) b++;
  return text.slice(a, Math.min(text.length, b + 1));
}

function adapt(suggestion: string, text: string, start: number, end: number): string {
  let s = suggestion;
  const first = text[start] ?? '';
  const isUpper = first !== first.toLowerCase();
  const isLower = first !== first.toUpperCase();
  if (isUpper) s = s.charAt(0).toUpperCase() + s.slice(1);
  else if (isLower && /^\p{Lu}\p{Ll}/u.test(s) && !/^I\b/.test(s)) s = s.charAt(0).toLowerCase() + s.slice(1);
  const next = text[end] ?? '';
  if (/[.!?。！？؟,，]/u.test(next)) s = s.replace(/[.!?。！？؟]+$/u, '');
  return s;
}

export function createChecker(bundle: RuleBundle): Checker {
  const byLang = new Map<Lang, LangPack>();
  for (const lang of LANGS) byLang.set(lang, pack(bundle.rules.filter((r) => r.lang === lang)));
  const extraPacks = new WeakMap<CompiledRule[], Map<Lang, LangPack>>();

  const packsFor = (langs: Lang[], options?: CheckOptions): LangPack[] => {
    const out = langs.map((l) => byLang.get(l)!);
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
    if (options?.categories && !options.categories.includes(rule.category)) return false;
    if (options?.disabledRules?.includes(rule.id)) return false;
    return true;
  };

  const finding = (rule: CompiledRule, text: string, start: number, end: number, options?: CheckOptions): Finding => ({
    ruleId: rule.id,
    category: rule.category,
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
    const t = f.text;
    const out: Finding[] = [];
    for (const p of packsFor(langs, options)) {
      if (p.combined) {
        const re = p.combined;
        re.lastIndex = 0;
        for (let m; (m = re.exec(t)); ) {
          const at = m.index;
          for (const l of p.local) {
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
          re.lastIndex = at + 1;
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
      const g = new RegExp(r.trigger.source, 'giu');
      for (let m; (m = g.exec(t)); ) {
        let a = m.index;
        while (a > 0 && !(SENT_BREAK.test(t[a - 1]!) && (t[a - 1] === '\n' || /\s/.test(t[a] ?? ' ')))) a--;
        let b = m.index + m[0].length;
        while (b < t.length && !SENT_BREAK.test(t[b]!)) b++;
        sentences.set(a, t.slice(a, Math.min(t.length, b + 1)));
        if (m[0].length === 0) g.lastIndex++;
      }
    }
    for (const [a, sent] of sentences) {
      const doc = nlp(sent);
      for (const r of live) {
        if (!r.trigger.test(sent)) continue;
        for (const o of doc.match(r.rule.pattern!).out('offset')) {
          const s = a + o.offset.start, e = s + o.offset.length;
          if (e <= s) continue;
          if (r.unless.length && r.unless.some((u) => u.test(sent))) continue;
          const [os, oe] = unfoldSpan(f, s, e);
          out.push(finding(r.rule, text, os + from, oe + from, options));
        }
      }
    }
  }

  function checkWhole(text: string, langs: Lang[], options?: CheckOptions): Finding[] {
    if (!MAY_HAVE_LINK.test(text)) return [];
    const out: Finding[] = [];
    const f = fold(text);
    for (const p of packsFor(langs, options)) {
      for (const c of p.checks) {
        if (!enabled(c.rule, options)) continue;
        for (const [s, e] of findBareLinks(f.text, c.params)) {
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

  return { check, checkLocal, checkWhole, languages, rules: bundle.rules };
}

const SEV = { info: 0, warning: 1, error: 2 } as const;

/**
 * Drop findings in quoted customer text; of overlapping findings of one category keep the
 * longest (then the most severe); sort by position.
 */
export function finalize(found: Finding[], quoted: [number, number][]): Finding[] {
  const kept = found.filter((x) => !overlapsAny(quoted, x.start, x.end));
  kept.sort((a, b) => (b.end - b.start) - (a.end - a.start) || SEV[b.severity] - SEV[a.severity] || a.start - b.start);
  const out: Finding[] = [];
  for (const x of kept) {
    if (out.some((y) => y.category === x.category && x.start < y.end && x.end > y.start)) continue;
    out.push(x);
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

export type { Category };
