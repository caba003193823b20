/** Shared types of the Tact engine: pure data, no DOM, no Node. */

export const LANGS = ['en', 'ru', 'bg', 'ar', 'eo', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

export const CORE_CATEGORIES = ['cliche', 'sarcasm', 'risky-joke', 'blame', 'bare-link'] as const;
export const EXTRA_CATEGORIES = ['deflection', 'bad-news', 'hostile', 'personal', 'delete-request', 'situational'] as const;
export const CATEGORIES = [...CORE_CATEGORIES, ...EXTRA_CATEGORIES] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * What the customer's latest message shows (rules/<lang>/situations.yaml). Detected on the
 * customer's message, never on the reply; a detected situation turns on its playbook card
 * (rules/<lang>/playbooks.yaml) and the reply checks in rules/<lang>/situational.yaml.
 * Listed in order of precedence when one message shows several.
 */
export const SITUATIONS = ['abuse', 'legal-threat', 'personal-advance', 'public-review', 'panic', 'urgency',
  'haggling', 'freeloading', 'know-better', 'chronic-complainer'] as const;
export type Situation = (typeof SITUATIONS)[number];

/** A playbook card: the moves for a situation and starter sentences for the reply. */
export interface Playbook { title: string; moves: string[]; starters: string[]; }

export const SEVERITIES = ['info', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One flagged span. Offsets are UTF-16 code units into the text given to check(). */
export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  lang: Lang;
  start: number;
  end: number;
  /** The flagged text, text.slice(start, end). */
  text: string;
  /** One sentence: why a support lead would flag it. */
  message: string;
  /** Human alternatives; the first is the default replacement. */
  suggestions: string[];
}

/** A rule as compiled by src/rules/compile.ts: what ships in the bundle. */
export interface CompiledRule {
  id: string;
  lang: Lang;
  /** "situations" for the rules that read the customer's message (never run on replies). */
  category: Category | 'situations';
  severity: Severity;
  kind: 'phrases' | 'regex' | 'pattern' | 'check';
  /** JS regex source (flags "iu") for phrases/regex; the trigger for pattern rules. */
  source?: string;
  /** Situation rules (rules/<lang>/situations.yaml): the situation this rule is evidence of. */
  situation?: Situation;
  /** Situational reply rules: run only when the customer's message shows one of these. */
  when?: Situation[];
  /** compromise match pattern (kind "pattern"). */
  pattern?: string;
  /** Whole-reply check name and its compiled parameters (kind "check"). */
  check?: 'bare-link' | 'missing';
  params?: Record<string, string>;
  /** Lowercase literals one of which every match contains (see anchors.ts); absent = none. */
  anchors?: string[];
  /** Regex sources: a match is dropped when its sentence matches one of these. */
  unless?: string[];
  why: string;
  whyEn: string;
  suggestions: string[];
}

export interface RuleBundle {
  version: 1;
  rules: CompiledRule[];
  /** Playbook cards by language and situation. */
  playbooks?: Partial<Record<Lang, Partial<Record<Situation, Playbook>>>>;
}

export interface CheckOptions {
  /** Force the language; default: detected per reply (a mixed reply runs each script's rules). */
  lang?: Lang | 'auto';
  /** Categories to check; default all. */
  categories?: Category[];
  /** Rule ids to turn off. */
  disabledRules?: string[];
  /** Language of messages: the rule's own (default) or English. */
  messageLang?: 'rule' | 'en';
  /** Extra team phrases, compiled with compileTeamPhrases(). */
  extraRules?: CompiledRule[];
  /** Skip rules below this severity. */
  minSeverity?: Severity;
  /** The situation the customer's message shows (detectSituation): turns on its reply checks. */
  situation?: Situation | null;
}
