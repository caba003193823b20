/**
 * The Tact engine: `check(text, options) -> Finding[]`, and `CheckSession` for as-you-type use.
 * Runs the same in Node, the CLI and the content script: no DOM, no Node APIs.
 */
import bundle from '../generated/rules.json';
import { createChecker, type Checker } from './checker.js';
import { CheckSession } from './session.js';
import type { CheckOptions, Finding, RuleBundle } from './types.js';

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
