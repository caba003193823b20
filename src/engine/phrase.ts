/**
 * The phrase syntax of rules/ (see rules/README.md) compiled to a JS regex source.
 *
 *   word   (a|b c)   [optional part]   stem*   _ (any one word)
 *
 * Phrases are whole-word (except in Chinese), case-insensitive, any whitespace between words.
 * The result is used with flags "iu" on folded text (see normalize.ts).
 */
import { foldPlain } from './normalize.js';
import type { Lang } from './types.js';
import { anchorScore, finish } from './anchors.js';

/**
 * Word characters, spelled out for the Basic Multilingual Plane. Not \\p{L}: V8 runs a regex
 * 10-20x slower with the u flag, which \\p{} needs, so rules compile without u unless their
 * own text needs it (see needsUnicode). Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic
 * (letters, marks and digits, not its punctuation), Indic, Thai, CJK, kana, Hangul.
 */
export const L = 'A-Za-z0-9_\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u036F\\u0370-\\u03FF\\u0400-\\u052F'
  + '\\u0531-\\u058F\\u0591-\\u05F4\\u0610-\\u061A\\u0620-\\u0669\\u066E-\\u06D3\\u06D5-\\u06FF\\u0750-\\u077F\\u08A0-\\u08FF'
  + '\\u0900-\\u0DFF\\u0E00-\\u0EFF\\u1E00-\\u1FFF\\u2C65\\u2C66\\u3041-\\u30FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uAC00-\\uD7AF\\uF900-\\uFAFF\\uFB50-\\uFDFF\\uFE70-\\uFEFF';

/**
 * The word class a language's rules use for boundaries, stems and "_": its own scripts plus
 * Latin and digits. Short classes keep regexes small and quick to compile; across scripts a
 * boundary is all that matters.
 */
// \\w plus Latin-1, Latin Extended-A/B and IPA letters (Esperanto's ĉ ĝ ĥ ĵ ŝ ŭ among them), closed
// under lowercasing (see lower.ts); short classes make short regexes
const LATIN = '\\w\\u00C0-\\u02AF\\u2C65\\u2C66';
const BY_LANG: Record<Lang, string> = {
  en: LATIN,
  eo: LATIN,
  ru: `${LATIN}\\u0400-\\u052F`,
  bg: `${LATIN}\\u0400-\\u052F`,
  ar: `\\w\\u0610-\\u061A\\u0620-\\u0669\\u066E-\\u06D3\\u06D5-\\u06FF\\u0750-\\u077F\\u08A0-\\u08FF\\uFB50-\\uFDFF\\uFE70-\\uFEFF`,
  zh: L,
};
export const wordClass = (lang?: Lang) => (lang ? BY_LANG[lang] : L);

/** The word-character class is ~300 characters; the bundle carries this mark instead. */
export const WORD_CLASS_MARK = '\uE000';
export const expandWordClass = (src: string) => (src.includes(WORD_CLASS_MARK) ? src.split(WORD_CLASS_MARK).join(L) : src);

/** Does a compiled source need the u flag (\\p{}, \\u{}, or characters beyond the BMP)? */
export function needsUnicode(source: string): boolean {
  return /\\[pP]\{|\\u\{|[\ud800-\udfff]/.test(source);
}

/** Flags a rule's source runs with. */
export const flagsFor = (source: string, extra = '') => (needsUnicode(source) ? 'iu' : 'i') + extra;
/** Unicode-aware replacements for \b at the left and right edge of a word. */
export const wordStart = (w: string) => `(?<![${w}])`;
export const wordEnd = (w: string) => `(?![${w}])`;
/** Arabic: one clitic prefix may stand before the first word, outside the flagged span. */
const arStart = (w: string) => `(?<=(?:^|[^${w}])(?:[\\u0648\\u0641]?[\\u0628\\u0644\\u0643]?)?)`;

export class PhraseError extends Error {}

const SPECIAL = new Set(['(', ')', '[', ']', '|']);
const SPACE = '\\s+';

type Node =
  | { t: 'word'; s: string; stem: boolean }
  | { t: 'any' }
  | { t: 'alt'; options: Node[][]; optional: boolean };

function tokenize(src: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of src) {
    if (SPECIAL.has(ch) || /\s/.test(ch)) {
      if (cur) out.push(cur);
      cur = '';
      if (!/\s/.test(ch)) out.push(ch);
      else if (out[out.length - 1] !== ' ') out.push(' ');
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

function parse(tokens: string[], phrase: string): Node[] {
  let i = 0;
  const seq = (closer: string | null): Node[][] => {
    const options: Node[][] = [[]];
    while (i < tokens.length) {
      const tk = tokens[i++]!;
      if (tk === ' ') continue;
      if (tk === '|') {
        if (closer !== ')') throw new PhraseError(`"|" outside ( ) in phrase "${phrase}"`);
        options.push([]);
      } else if (tk === ')' || tk === ']') {
        if (tk !== closer) throw new PhraseError(`unbalanced "${tk}" in phrase "${phrase}"`);
        return options;
      } else if (tk === '(' || tk === '[') {
        const inner = seq(tk === '(' ? ')' : ']');
        options[options.length - 1]!.push({ t: 'alt', options: inner, optional: tk === '[' });
      } else if (tk === '_') {
        options[options.length - 1]!.push({ t: 'any' });
      } else {
        const stem = tk.length > 1 && tk.endsWith('*');
        const s = stem ? tk.slice(0, -1) : tk;
        if (s.includes('*')) throw new PhraseError(`"*" only ends a stem (stem*) in phrase "${phrase}"`);
        options[options.length - 1]!.push({ t: 'word', s, stem });
      }
    }
    if (closer) throw new PhraseError(`missing "${closer}" in phrase "${phrase}"`);
    return options;
  };
  const top = seq(null);
  if (top.length !== 1 || top[0]!.length === 0) throw new PhraseError(`empty phrase "${phrase}"`);
  return top[0]!;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function emitWord(w: string, stem: boolean, cjk: boolean, wc: string): string {
  let s = esc(foldPlain(w)).replace(/'/g, "'");
  if (stem) s += `[${wc}]*`;
  return s;
}

/**
 * Emit a sequence. Spaces between items are inserted by the caller side: each item is emitted
 * with its own leading separator so that optional items carry their space with them.
 */
function emitSeq(nodes: Node[], cjk: boolean, first: boolean, wc: string): string {
  let out = '';
  nodes.forEach((n, k) => {
    const lead = first && k === 0 ? '' : cjk ? '\\s?' : SPACE;
    out += emitNode(n, cjk, lead, wc);
  });
  return out;
}

function emitNode(n: Node, cjk: boolean, lead: string, wc: string): string {
  if (n.t === 'word') {
    // punctuation-only tokens may touch the previous word ("assured," / "?")
    const l = /^[\p{P}\p{S}]+$/u.test(n.s) ? (cjk ? '' : '\\s*') : lead;
    return l + emitWord(n.s, n.stem, cjk, wc);
  }
  if (n.t === 'any') return lead + (cjk ? `[^\\s]{1,4}?` : `[${wc}'-]+`);
  const alts = n.options.map((o) => emitSeq(o, cjk, true, wc));
  // a group of punctuation only ("[,]") may touch the previous word, like a punctuation token
  const punct = n.options.every((o) => o.length > 0 && o[0]!.t === 'word' && /^[\p{P}\p{S}]+$/u.test(o[0]!.s));
  const body = `${punct ? (cjk ? '' : '\\s*') : lead}(?:${alts.join('|')})`;
  return n.optional ? `(?:${body})?` : body;
}

/** One phrase's body without word boundaries, and whether it ends in a word character. */
function phraseBody(phrase: string, lang: Lang): { body: string; wordyEnd: boolean } {
  const cjk = lang === 'zh';
  const wc = wordClass(lang);
  const nodes = parse(tokenize(phrase.trim()), phrase);
  // A leading optional part must not leave a dangling separator: emit it with a trailing one.
  let body: string;
  if (nodes[0]!.t === 'alt' && nodes[0]!.optional) {
    const opt = nodes[0] as Extract<Node, { t: 'alt' }>;
    const alts = opt.options.map((o) => emitSeq(o, cjk, true, wc));
    const rest = emitSeq(nodes.slice(1), cjk, true, wc);
    body = `(?:(?:${alts.join('|')})${cjk ? '\\s?' : SPACE})?${rest}`;
  } else body = emitSeq(nodes, cjk, true, wc);
  const t = phrase.trim();
  const wordyEnd = /[\p{L}\p{N}]$/u.test(t.replace(/[\])*]+$/, '')) || /\*\s*[\])]*$/.test(t);
  return { body, wordyEnd };
}

/** Compile one phrase to a regex source. */
export function phraseToRegex(phrase: string, lang: Lang): string {
  return phrasesToRegex([phrase], lang);
}

/**
 * Compile a list of phrases to one regex: the start-of-word check stands once before the
 * alternation, not before every phrase (the class is long; repeating it made regexes much larger
 * and slower to compile).
 */
export function phrasesToRegex(phrases: string[], lang: Lang): string {
  const parts = phrases.map((p) => phraseBody(p, lang));
  if (lang === 'zh') return parts.map((p) => `(?:${p.body})`).join('|');
  // phrase order is kept: at one position the first phrase that matches wins, as written
  const wc = wordClass(lang);
  const start = lang === 'ar' ? arStart(wc) : wordStart(wc);
  // consecutive phrases that end in a word character share one end-of-word check
  const groups: string[] = [];
  for (let i = 0; i < parts.length; ) {
    if (!parts[i]!.wordyEnd) { groups.push(parts[i]!.body); i++; continue; }
    let j = i;
    while (j < parts.length && parts[j]!.wordyEnd) j++;
    const run = parts.slice(i, j).map((p) => p.body);
    groups.push(run.length === 1 ? `${run[0]}${wordEnd(wc)}` : `(?:${run.join('|')})${wordEnd(wc)}`);
    i = j;
  }
  return `${start}(?:${groups.join('|')})`;
}

/** Anchors of one phrase: a required literal (a word, a stem) or a required group's union. */
function nodeReq(n: Node): string[] | null {
  if (n.t === 'word') return /^[\p{P}\p{S}]+$/u.test(n.s) ? null : [foldPlain(n.s)];
  if (n.t === 'any' || n.optional) return null;
  const opts = n.options.map((o) => seqReq(o));
  return opts.some((o) => !o) ? null : (opts.flat() as string[]);
}
function seqReq(nodes: Node[]): string[] | null {
  let pick: string[] | null = null;
  let score = -1;
  for (const n of nodes) {
    const r = nodeReq(n);
    if (!r || !r.length) continue;
    const sc = anchorScore(r);
    if (sc >= 0 && sc > score) { score = sc; pick = r; }
  }
  return pick;
}

/** Anchors for a list of phrases (null when one phrase has no required literal). */
export function phraseAnchors(phrases: string[]): string[] | null {
  const all: string[] = [];
  for (const p of phrases) {
    const r = seqReq(parse(tokenize(p.trim()), p));
    if (!r) return null;
    all.push(...r);
  }
  return finish(all);
}

/** Make \b in an author's regex Unicode-aware (JS \b is ASCII-only even with the u flag). */
const WORDY = /^[\p{L}\p{N}_]$/u;

export function unicodeBoundaries(src: string, lang?: Lang): string {
  const w = wordClass(lang);
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === 'b' && !inClass) {
        // next to a literal letter a boundary is one-sided: before it, no word character may
        // precede; after it, none may follow (the full form repeats the long class twice)
        const next = src[i + 2] ?? '', prev = src[i - 1] ?? '', prev2 = src[i - 2] ?? '';
        const nextOptional = /^[?*]|^\{0/.test(src.slice(i + 3, i + 5));
        const prevEscape = prev2 === '\\' || /\\[ux][0-9A-Fa-f]{0,4}$/.test(src.slice(Math.max(0, i - 6), i));
        if (WORDY.test(next) && !nextOptional) out += `(?<![${w}])`;
        else if (WORDY.test(prev) && !prevEscape) out += `(?![${w}])`;
        else out += `(?:(?<=[${w}])(?![${w}])|(?<![${w}])(?=[${w}]))`;
      } else out += c + (n ?? '');
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  return out;
}
