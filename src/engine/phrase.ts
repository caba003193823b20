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

export const L = '\\p{L}\\p{M}\\p{N}_';
/** Unicode-aware replacements for \b at the left and right edge of a word. */
export const WORD_START = `(?<![${L}])`;
export const WORD_END = `(?![${L}])`;
/** Arabic: one clitic prefix may stand before the first word, outside the flagged span. */
const AR_START = `(?<=(?:^|[^${L}])(?:[\\u0648\\u0641]?[\\u0628\\u0644\\u0643]?)?)`;

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

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\\/-]/g, '\\$&');

function emitWord(w: string, stem: boolean, cjk: boolean): string {
  let s = esc(foldPlain(w)).replace(/'/g, "'");
  if (stem) s += `[${L}]*`;
  return s;
}

/**
 * Emit a sequence. Spaces between items are inserted by the caller side: each item is emitted
 * with its own leading separator so that optional items carry their space with them.
 */
function emitSeq(nodes: Node[], cjk: boolean, first: boolean): string {
  let out = '';
  nodes.forEach((n, k) => {
    const lead = first && k === 0 ? '' : cjk ? '\\s*' : SPACE;
    out += emitNode(n, cjk, lead);
  });
  return out;
}

function emitNode(n: Node, cjk: boolean, lead: string): string {
  if (n.t === 'word') {
    // punctuation-only tokens may touch the previous word ("assured," / "?")
    const l = /^[\p{P}\p{S}]+$/u.test(n.s) ? '\\s*' : lead;
    return l + emitWord(n.s, n.stem, cjk);
  }
  if (n.t === 'any') return lead + (cjk ? `[^\\s]{1,4}?` : `[${L}'-]+`);
  const alts = n.options.map((o) => emitSeq(o, cjk, true));
  const body = `${lead}(?:${alts.join('|')})`;
  return n.optional ? `(?:${body})?` : body;
}

/** Compile one phrase to a regex source (use with flags "iu"). */
export function phraseToRegex(phrase: string, lang: Lang): string {
  const cjk = lang === 'zh';
  const nodes = parse(tokenize(phrase.trim()), phrase);
  // A leading optional part must not leave a dangling separator: emit it with a trailing one.
  let body: string;
  if (nodes[0]!.t === 'alt' && nodes[0]!.optional) {
    const opt = nodes[0] as Extract<Node, { t: 'alt' }>;
    const alts = opt.options.map((o) => emitSeq(o, cjk, true));
    const rest = emitSeq(nodes.slice(1), cjk, true);
    body = `(?:(?:${alts.join('|')})${cjk ? '\\s*' : SPACE})?${rest}`;
  } else body = emitSeq(nodes, cjk, true);
  if (cjk) return body;
  const start = lang === 'ar' ? AR_START : WORD_START;
  const lastIsWordy = /[\p{L}\p{N}]$/u.test(phrase.trim().replace(/[\])*]+$/, '')) || /\*\s*[\])]*$/.test(phrase.trim());
  return `${start}${body}${lastIsWordy ? WORD_END : ''}`;
}

/** Compile a list of phrases to one alternation. */
export function phrasesToRegex(phrases: string[], lang: Lang): string {
  return phrases.map((p) => `(?:${phraseToRegex(p, lang)})`).join('|');
}

/** Make \b in an author's regex Unicode-aware (JS \b is ASCII-only even with the u flag). */
export function unicodeBoundaries(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === 'b' && !inClass) {
        out += `(?:(?<=[${L}])(?![${L}])|(?<![${L}])(?=[${L}]))`;
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
