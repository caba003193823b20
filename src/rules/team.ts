/**
 * Team phrases: "flag this phrase, suggest these alternatives", added without a rebuild (options
 * page, admin policy). Same phrase syntax as rules/; compiled in the browser, so no YAML here.
 */
import { flagsFor, phraseAnchors, phrasesToRegex } from '../engine/phrase.js';
import { CATEGORIES, LANGS, type Category, type CompiledRule, type Lang } from '../engine/types.js';

export interface TeamPhrase { lang: Lang; category: Category; phrase: string; suggestions: string[]; why?: string; }

/** Team phrases added without a rebuild (options page, admin policy): same phrase syntax. */
export function compileTeamPhrases(entries: TeamPhrase[]): { rules: CompiledRule[]; errors: string[] } {
  const rules: CompiledRule[] = [];
  const errors: string[] = [];
  entries.forEach((e, i) => {
    const where = `team phrase ${i + 1} ("${e?.phrase ?? ''}")`;
    if (!e || typeof e.phrase !== 'string' || !e.phrase.trim()) { errors.push(`${where}: phrase is empty`); return; }
    if (!LANGS.includes(e.lang)) { errors.push(`${where}: unknown language "${e.lang}"`); return; }
    if (!CATEGORIES.includes(e.category)) { errors.push(`${where}: unknown category "${e.category}"`); return; }
    const suggestions = (Array.isArray(e.suggestions) ? e.suggestions : []).filter((s) => typeof s === 'string' && s.trim()).slice(0, 3);
    try {
      const source = phrasesToRegex([e.phrase], e.lang);
      new RegExp(source, flagsFor(source));
      const why = e.why?.trim() || 'Your team asked to avoid this phrase.';
      const anchors = phraseAnchors([e.phrase]);
      rules.push({ id: `team.${e.category}.${i + 1}`, lang: e.lang, category: e.category, severity: 'warning', kind: 'phrases', source, ...(anchors ? { anchors } : {}), why, whyEn: why, suggestions });
    } catch (err) {
      errors.push(`${where}: ${(err as Error).message}`);
    }
  });
  return { rules, errors };
}
