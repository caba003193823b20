/**
 * compromise is the English tagger behind `pattern` rules. It costs ~200-450 ms to load and
 * ~1.4 ms a sentence, so the engine never imports it: the host (CLI, tests, content script)
 * registers a loader, and it is called the first time a pattern rule's trigger matches.
 */

/** The slice of compromise's API that pattern rules use. */
export interface Nlp {
  (text: string): { match(pattern: string): { out(kind: 'offset'): { offset: { start: number; length: number } }[] } };
}

let loader: (() => Nlp) | null = null;
let nlp: Nlp | null = null;

export function setTaggerLoader(fn: (() => Nlp) | null): void {
  loader = fn;
  nlp = null;
}

/** The tagger, loading it on first use; null when the host registered none. */
export function getTagger(): Nlp | null {
  if (!nlp && loader) nlp = loader();
  return nlp;
}
