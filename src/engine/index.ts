/**
 * The Tact engine: `check(text, options) -> Finding[]`, and `CheckSession` for as-you-type use.
 * Runs the same in Node, the CLI and the content script: no DOM, no Node APIs.
 */
import bundle from '../generated/rules.json';
import { createChecker, type Checker } from './checker.js';
import { CheckSession } from './session.js';
import type { CheckOptions, Finding, Lang, RuleBundle } from './types.js';
import { createSituationDetector, type SituationDetector, type SituationResult } from './situations.js';
export { createSituationDetector, type SituationDetector, type SituationResult, type SituationEvidence } from './situations.js';

export * from './types.js';
export { createChecker, CheckSession };
export type { Checker };
export { detectLanguages } from './lang.js';
export { setTaggerLoader } from './tagger.js';

let shared: Checker | null = null;
/** The checker over the rules bundled from rules/ (built once, on first use). */
export function defaultChecker(): Checker {
  return (shared ??= createChecker(bundle as RuleBundle));
}

export function check(text: string, options?: CheckOptions): Finding[] {
  return defaultChecker().check(text, options);
}

export function createSession(options?: CheckOptions): CheckSession {
  return new CheckSession(defaultChecker(), options);
}

let situations: SituationDetector | null = null;
/** Situation detection over the bundled rules (see situations.ts). */
export function situationDetector(): SituationDetector {
  return (situations ??= createSituationDetector(bundle as RuleBundle));
}
export function detectSituation(message: string, options?: { lang?: Lang | 'auto' }): SituationResult {
  return situationDetector().detect(message, options);
}
