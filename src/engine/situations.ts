/**
 * Situation detection: reads the customer's latest message (never the reply) and says which of
 * the difficult situations it shows (abuse, a legal threat, panic...), with the evidence. The
 * rules are rules/<lang>/situations.yaml, matched by the same checker as reply rules; the
 * playbook card for the situation comes from rules/<lang>/playbooks.yaml.
 */
import { createChecker, finalize, type Checker } from './checker.js';
import { quotedRanges } from './quotes.js';
import { SITUATIONS, type CompiledRule, type Lang, type Playbook, type RuleBundle, type Situation } from './types.js';

const HIGH_STAKES: Situation[] = ['abuse', 'legal-threat', 'personal-advance', 'public-review'];

export interface SituationEvidence { situation: Situation; ruleId: string; start: number; end: number; text: string; }

export interface SituationResult {
  /**
   * The situation to coach for, or null: abuse, a legal threat, a personal advance or a public
   * review whenever one shows (in that order); otherwise the one with the most evidence, ties
   * going to the earlier in SITUATIONS.
   */
  situation: Situation | null;
  /** Every situation with evidence, strongest first. */
  all: Situation[];
  evidence: SituationEvidence[];
  /** Language of the customer's message. */
  lang: Lang | null;
}

export interface SituationDetector {
  detect(message: string, options?: { lang?: Lang | 'auto' }): SituationResult;
  /** The card for a situation, in the reply's language (English when that language has none). */
  playbook(situation: Situation, lang: Lang): Playbook | null;
}

/** A checker over situation rules (the reply checker leaves them out: they read the customer). */
export function situationChecker(rules: CompiledRule[]): Checker {
  return createChecker({ version: 1, rules: rules.map((r) => ({ ...r, category: 'situational' as const })) });
}

export function createSituationDetector(bundle: RuleBundle): SituationDetector {
  const rules = bundle.rules.filter((r) => r.category === 'situations' && r.situation);
  const bySituation = new Map(rules.map((r) => [r.id, r.situation!]));
  let checker: Checker | null = null;
  const get = () => (checker ??= situationChecker(rules));

  return {
    detect(message, options) {
      const empty: SituationResult = { situation: null, all: [], evidence: [], lang: null };
      if (typeof message !== 'string' || !message.trim()) return empty;
      const c = get();
      const langs = c.languages(message, { lang: options?.lang });
      // a short message often can't be told from its script's other language ("Верните деньги":
      // -ите looks Bulgarian; "HELPU!!! Mia vendejo malaperis" looks English), so evidence of a
      // situation is read with the rules of both languages that share the script
      const SIBLING: Partial<Record<Lang, Lang>> = { ru: 'bg', bg: 'ru', en: 'eo', eo: 'en' };
      const read = options?.lang && options.lang !== 'auto' ? langs
        : [...new Set(langs.flatMap((l) => (SIBLING[l] ? [l, SIBLING[l]!] : [l])))];
      const found = finalize(c.checkLocal(message, 0, message.length, read), quotedRanges(message));
      const evidence = found.map((f) => ({ situation: bySituation.get(f.ruleId)!, ruleId: f.ruleId, start: f.start, end: f.end, text: f.text }));
      const score = new Map<Situation, number>();
      for (const e of evidence) score.set(e.situation, (score.get(e.situation) ?? 0) + 1);
      // abuse, a legal threat, a personal advance or a public review decide how to answer
      // whatever else the message says (one threat of court in a long list of complaints is
      // still a legal threat); among the rest the strongest evidence wins, ties by precedence
      const stakes = (s: Situation) => (HIGH_STAKES.includes(s) ? 1 : 0);
      const all = [...score.keys()].sort((a, b) => stakes(b) - stakes(a) || (stakes(a) ? 0 : score.get(b)! - score.get(a)!) || SITUATIONS.indexOf(a) - SITUATIONS.indexOf(b));
      return { situation: all[0] ?? null, all, evidence, lang: langs[0] ?? null };
    },
    playbook(situation, lang) {
      return bundle.playbooks?.[lang]?.[situation] ?? bundle.playbooks?.en?.[situation] ?? null;
    },
  };
}
