/**
 * As-you-type checking. After an edit only the changed lines (plus one line each side) are
 * re-checked; findings elsewhere are kept and shifted. Whole-reply checks are cheap (they only
 * run when the reply holds a link) and re-run on the whole text.
 */
import { finalize, type Checker } from './checker.js';
import { quotedRanges } from './quotes.js';
import type { CheckOptions, Finding, Lang } from './types.js';

export class CheckSession {
  private text = '';
  private local: Finding[] = [];
  private langs: Lang[] = ['en'];

  constructor(private readonly checker: Checker, private options: CheckOptions = {}) {}

  /** Change options (categories, disabled rules...): the next update re-checks everything. */
  setOptions(options: CheckOptions): void {
    this.options = options;
    this.text = '';
    this.local = [];
  }

  /** The current findings for the new full text of the reply. */
  update(text: string): Finding[] {
    const prev = this.text;
    const langs = this.checker.languages(text, this.options);
    if (prev === '' || langs.join() !== this.langs.join() || Math.abs(text.length - prev.length) > prev.length / 4) {
      this.langs = langs;
      this.local = this.checker.checkLocal(text, 0, text.length, this.langs, this.options);
    } else if (text !== prev) {
      let p = 0;
      const max = Math.min(text.length, prev.length);
      while (p < max && text.charCodeAt(p) === prev.charCodeAt(p)) p++;
      let s = 0;
      while (s < max - p && text.charCodeAt(text.length - 1 - s) === prev.charCodeAt(prev.length - 1 - s)) s++;
      const delta = text.length - prev.length;
      // the changed region, widened to whole lines and one line either side
      const from = lineStart(text, lineStart(text, p) - 1);
      const oldTo = lineEnd(prev, lineEnd(prev, prev.length - s) + 1);
      const to = oldTo + delta;
      const kept: Finding[] = [];
      for (const f of this.local) {
        if (f.end <= from) kept.push(f);
        else if (f.start >= oldTo) kept.push({ ...f, start: f.start + delta, end: f.end + delta });
      }
      const fresh = this.checker.checkLocal(text, from, to, this.langs, this.options).filter((f) => f.start < to);
      this.local = [...kept, ...fresh];
    }
    this.text = text;
    const whole = this.checker.checkWhole(text, this.langs, this.options);
    return finalize([...this.local, ...whole], quotedRanges(text));
  }
}

function lineStart(t: string, i: number): number {
  if (i <= 0) return 0;
  const n = t.lastIndexOf('\n', i - 1);
  return n < 0 ? 0 : n + 1;
}

function lineEnd(t: string, i: number): number {
  if (i >= t.length) return t.length;
  const n = t.indexOf('\n', i);
  return n < 0 ? t.length : n;
}
