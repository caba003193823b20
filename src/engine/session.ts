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

  private sinceDetect = 0;
  private detectedLen = 0;

  /**
   * Languages for the new text. Re-detected when the edit brings letters of a script none of
   * the current languages uses, when the length moved by over 5%, and every 16 edits (en/eo and
   * ru/bg share scripts); otherwise kept. An extra language only costs time, never findings.
   */
  private languagesFor(text: string, inserted: string): Lang[] {
    const covered = (re: RegExp, ls: Lang[]) => !re.test(inserted) || ls.some((l) => this.langs.includes(l));
    const stale = this.text === '' || ++this.sinceDetect >= 16 || Math.abs(text.length - this.detectedLen) > this.detectedLen / 20
      || !covered(/[A-Za-z\u00C0-\u024F]/, ['en', 'eo']) || !covered(/[\u0400-\u052F]/, ['ru', 'bg'])
      || !covered(/[\u0600-\u06FF]/, ['ar']) || !covered(/[\u3400-\u9FFF]/, ['zh']);
    if (!stale) return this.langs;
    this.sinceDetect = 0;
    this.detectedLen = text.length;
    return this.checker.languages(text, this.options);
  }

  /** The current findings for the new full text of the reply. */
  update(text: string): Finding[] {
    const prev = this.text;
    let p0 = 0;
    const m0 = Math.min(text.length, prev.length);
    while (p0 < m0 && text.charCodeAt(p0) === prev.charCodeAt(p0)) p0++;
    const langs = this.languagesFor(text, text.slice(p0, p0 + Math.max(0, text.length - prev.length) + 64));
    if (prev === '' || langs.join() !== this.langs.join() || Math.abs(text.length - prev.length) > prev.length / 4) {
      this.langs = langs;
      this.local = this.checker.checkLocal(text, 0, text.length, this.langs, this.options);
    } else if (text !== prev) {
      const p = p0;
      const max = m0;
      let s = 0;
      while (s < max - p && text.charCodeAt(text.length - 1 - s) === prev.charCodeAt(prev.length - 1 - s)) s++;
      const delta = text.length - prev.length;
      // the changed region, widened to whole sentences and two sentences either side (a match
      // may hold a sentence-like end: "our no. 1 priority"), and over any finding it cuts
      let from = p;
      for (let k = 0; k < 3; k++) from = sentStart(text, from - (k ? 1 : 0));
      let oldTo = prev.length - s;
      for (let k = 0; k < 3; k++) oldTo = sentEnd(prev, oldTo + (k ? 1 : 0));
      for (const f of this.local) {
        if (f.start < from && f.end > from) from = f.start;
        if (f.start < oldTo && f.end > oldTo) oldTo = f.end;
      }
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

/** A sentence ends at a line break, or at . ! ? (and CJK/Arabic marks) before whitespace. */
const isEnd = (t: string, j: number) => {
  const c = t.charCodeAt(j);
  if (c === 10 || c === 0x3002 || c === 0xff01 || c === 0xff1f) return true;
  if (c !== 46 && c !== 33 && c !== 63 && c !== 0x061f) return false;
  const n = t.charCodeAt(j + 1);
  return n !== n || n === 32 || n === 10 || n === 9 || n === 13;
};

function sentStart(t: string, i: number): number {
  if (i <= 0) return 0;
  let j = Math.min(i, t.length) - 1;
  while (j >= 0 && !isEnd(t, j)) j--;
  return j + 1;
}

function sentEnd(t: string, i: number): number {
  if (i >= t.length) return t.length;
  let j = Math.max(0, i);
  while (j < t.length && !isEnd(t, j)) j++;
  return Math.min(t.length, j + 1);
}
