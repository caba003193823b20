/**
 * Tact's settings: defaults < the agent's own < admin policy (locks). Pure: storage access is
 * the caller's. Malformed input never throws; invalid parts are reported and defaults kept.
 */
import { CATEGORIES, LANGS, SEVERITIES, type Category, type CheckOptions, type Lang, type Severity } from '../engine/types.js';

export interface TeamPhraseSetting { lang: Lang; category: Category; phrase: string; suggestions: string[]; why?: string; }
/** A team rule pack: one YAML file in the rules/ format (see src/rules/pack.ts). */
export interface TeamPack { name: string; yaml: string; }

export interface Settings {
  /** Master switch. */
  enabled: boolean;
  categories: Record<Category, boolean>;
  disabledRules: string[];
  lang: Lang | 'auto';
  /** Built-in host adapters on/off, by adapter id (missing = on). */
  hosts: Record<string, boolean>;
  /** Origins where the generic adapter is on ("https://example.com"). */
  sites: string[];
  teamPhrases: TeamPhraseSetting[];
  /** Findings below this severity are not shown. */
  minSeverity: Severity;
  teamPacks: TeamPack[];
  /** Coach the reply for the customer's situation (playbook card and situational checks). */
  playbooks: boolean;
}

export const DEFAULTS: Settings = {
  enabled: true,
  categories: Object.fromEntries(CATEGORIES.map((c) => [c, true])) as Record<Category, boolean>,
  disabledRules: [],
  lang: 'auto',
  hosts: {},
  sites: [],
  teamPhrases: [],
  minSeverity: 'info',
  teamPacks: [],
  playbooks: true,
};

/** Settings keys, for import/export and the policy schema. */
export const SETTING_KEYS = Object.keys(DEFAULTS) as (keyof Settings)[];

export interface Merged { settings: Settings; problems: string[]; }

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/** Validate a partial settings object; keep what is valid, report the rest. */
export function sanitize(input: unknown, where: string): { value: Partial<Settings>; problems: string[] } {
  const problems: string[] = [];
  const value: Partial<Settings> = {};
  if (input === undefined || input === null) return { value, problems };
  if (!isObj(input)) return { value, problems: [`${where}: expected an object, got ${Array.isArray(input) ? 'a list' : typeof input}`] };
  for (const [k, v] of Object.entries(input)) {
    switch (k) {
      case 'enabled':
      case 'playbooks':
        if (typeof v === 'boolean') value[k] = v; else problems.push(`${where}.${k}: expected true or false`);
        break;
      case 'minSeverity':
        if (SEVERITIES.includes(v as Severity)) value.minSeverity = v as Severity;
        else problems.push(`${where}.minSeverity: expected one of ${SEVERITIES.join(', ')}`);
        break;
      case 'teamPacks':
        if (Array.isArray(v)) value.teamPacks = v.filter((p, i) => {
          const ok = isObj(p) && typeof p.yaml === 'string' && p.yaml.length <= MAX_PACK_CHARS;
          if (!ok) problems.push(`${where}.teamPacks[${i}]: needs yaml (the pack file's text, at most ${MAX_PACK_CHARS} characters) and a name`);
          return ok;
        }).map((p: any, i) => ({ name: typeof p.name === 'string' && p.name.trim() ? p.name.trim() : `pack ${i + 1}`, yaml: p.yaml }));
        else problems.push(`${where}.teamPacks: expected a list of {name, yaml}`);
        break;
      case 'categories': {
        if (!isObj(v)) { problems.push(`${where}.categories: expected an object of category: true/false`); break; }
        const c: Partial<Record<Category, boolean>> = {};
        for (const [cat, on] of Object.entries(v)) {
          if (!CATEGORIES.includes(cat as Category)) problems.push(`${where}.categories.${cat}: unknown category (one of ${CATEGORIES.join(', ')})`);
          else if (typeof on !== 'boolean') problems.push(`${where}.categories.${cat}: expected true or false`);
          else c[cat as Category] = on;
        }
        value.categories = c as Record<Category, boolean>;
        break;
      }
      case 'disabledRules':
        if (Array.isArray(v)) value.disabledRules = v.filter((x) => { const ok = typeof x === 'string' && /^[a-z]{2,4}\.[a-z-]+\.[a-z0-9-]+$/.test(x); if (!ok) problems.push(`${where}.disabledRules: "${String(x)}" is not a rule id`); return ok; }) as string[];
        else problems.push(`${where}.disabledRules: expected a list of rule ids`);
        break;
      case 'lang':
        if (v === 'auto' || LANGS.includes(v as Lang)) value.lang = v as Lang | 'auto';
        else problems.push(`${where}.lang: expected auto or one of ${LANGS.join(', ')}`);
        break;
      case 'hosts':
        if (isObj(v)) value.hosts = Object.fromEntries(Object.entries(v).filter(([h, on]) => { const ok = typeof on === 'boolean'; if (!ok) problems.push(`${where}.hosts.${h}: expected true or false`); return ok; })) as Record<string, boolean>;
        else problems.push(`${where}.hosts: expected an object of host id: true/false`);
        break;
      case 'sites':
        if (Array.isArray(v)) value.sites = v.flatMap((s) => { const o = originOf(s); if (!o) problems.push(`${where}.sites: "${String(s)}" is not a site address`); return o ? [o] : []; });
        else problems.push(`${where}.sites: expected a list of site addresses`);
        break;
      case 'teamPhrases':
        if (Array.isArray(v)) value.teamPhrases = v.filter((p, i) => {
          const ok = isObj(p) && typeof p.phrase === 'string' && LANGS.includes(p.lang as Lang) && CATEGORIES.includes(p.category as Category)
            && (p.suggestions === undefined || (Array.isArray(p.suggestions) && p.suggestions.every((s) => typeof s === 'string')));
          if (!ok) problems.push(`${where}.teamPhrases[${i}]: needs phrase, lang, category and a list of suggestions`);
          return ok;
        }).map((p: any) => ({ lang: p.lang, category: p.category, phrase: p.phrase, suggestions: p.suggestions ?? [], ...(p.why ? { why: String(p.why) } : {}) }));
        else problems.push(`${where}.teamPhrases: expected a list`);
        break;
      default:
        problems.push(`${where}.${k}: unknown setting`);
    }
  }
  return { value, problems };
}

export const MAX_PACK_CHARS = 200_000;

export function originOf(s: unknown): string | null {
  if (typeof s !== 'string' || !s.trim()) return null;
  try {
    const u = new URL(/^[a-z]+:\/\//i.test(s) ? s : `https://${s}`);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch { return null; }
}

/**
 * Which settings the admin's policy locked: a top-level key ("lang"), or one category
 * ("categories.blame": a policy that lists some categories locks only those).
 */
export type LockKey = keyof Settings | `categories.${Category}`;

/**
 * defaults < user < policy. A policy value overrides and locks that setting, except the
 * additive lists: policy teamPhrases and teamPacks are added to the agent's own (the agent's
 * can't remove the admin's), policy disabledRules are added to the agent's and locked
 * individually (lockedRules). A malformed part is reported and ignored; the rest applies.
 */
export function merge(user: unknown, policy?: unknown): Merged & { locked: Set<LockKey>; lockedRules: Set<string>; policyPacks: number; policyPhrases: number } {
  const u = sanitize(user, 'settings');
  const p = sanitize(policy, 'policy');
  const settings: Settings = { ...DEFAULTS, ...u.value, categories: { ...DEFAULTS.categories, ...(u.value.categories ?? {}) } };
  const locked = new Set<LockKey>();
  let lockedRules = new Set<string>();
  let policyPacks = 0, policyPhrases = 0;
  for (const [k, v] of Object.entries(p.value) as [keyof Settings, never][]) {
    if (k === 'categories') {
      settings.categories = { ...settings.categories, ...(v as object) };
      for (const c of Object.keys(v as object)) locked.add(`categories.${c as Category}`);
    } else if (k === 'disabledRules') {
      lockedRules = new Set(v as string[]);
      settings.disabledRules = [...new Set([...settings.disabledRules, ...(v as string[])])];
    } else if (k === 'teamPhrases') {
      policyPhrases = (v as unknown[]).length;
      settings.teamPhrases = [...(v as TeamPhraseSetting[]), ...settings.teamPhrases];
    } else if (k === 'teamPacks') {
      policyPacks = (v as unknown[]).length;
      settings.teamPacks = [...(v as TeamPack[]), ...settings.teamPacks];
    } else {
      (settings as any)[k] = v;
      locked.add(k);
    }
  }
  return { settings, problems: [...u.problems, ...p.problems], locked, lockedRules, policyPacks, policyPhrases };
}

export function toCheckOptions(s: Settings): CheckOptions {
  return {
    lang: s.lang,
    categories: CATEGORIES.filter((c) => s.categories[c] !== false && (c !== 'situational' || s.playbooks)),
    disabledRules: s.disabledRules,
    minSeverity: s.minSeverity,
  };
}

const SEV_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
/** Is a finding of this severity shown under these settings? */
export const severityShown = (s: Settings, sev: Severity) => SEV_RANK[sev] >= SEV_RANK[s.minSeverity];

/** Is Tact on for this page? Built-in host adapters by id, the generic one by origin. */
export function siteEnabled(s: Settings, adapterId: string | null, origin: string): boolean {
  if (!s.enabled) return false;
  if (adapterId && adapterId !== 'generic') return s.hosts[adapterId] !== false;
  return s.sites.includes(origin);
}
