/**
 * Text folding before matching, with a map back to the caller's UTF-16 offsets.
 *
 * Rules are written in a plain form; replies arrive with curly apostrophes, ё, Arabic
 * diacritics and tatweel, zero-width characters. Folding is 1:1 (a code unit becomes another
 * code unit) or a deletion, so every folded offset maps back to exactly one original offset.
 */

const FOLD: Record<string, string> = {
  '\u2019': "'", '\u2018': "'", '\u201b': "'", '\u02bc': "'", '\u00b4': "'", '\u0060': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"',
  '\u0451': '\u0435', '\u0401': '\u0415', // ё Ё -> е Е
  '\u0623': '\u0627', '\u0625': '\u0627', '\u0622': '\u0627', '\u0671': '\u0627', // أ إ آ ٱ -> ا
  '\u0649': '\u064a', // ى -> ي
  '\u0629': '\u0647', // ة -> ه
  '\u00a0': ' ', '\u202f': ' ', '\u2007': ' ',
  '\u2013': '-', '\u2014': '-',
};

// Deleted: Arabic tashkeel, superscript alef, Quranic marks, tatweel; zero-width and soft hyphen.
const DROP = /[\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200d\u2060\ufeff\u00ad]/;
const ANY = /[\u2019\u2018\u201b\u02bc\u00b4\u0060\u201c\u201d\u201e\u0451\u0401\u0623\u0625\u0622\u0671\u0649\u0629\u00a0\u202f\u2007\u2013\u2014\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200d\u2060\ufeff\u00ad]/;

export interface Folded {
  text: string;
  /** map[i] is the original offset of folded code unit i; map[text.length] = original length. Null when identical. */
  map: Uint32Array | null;
}

export function fold(input: string): Folded {
  if (!ANY.test(input)) return { text: input, map: null };
  const out: string[] = [];
  const map = new Uint32Array(input.length + 1);
  let j = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (DROP.test(c)) continue;
    out.push(FOLD[c] ?? c);
    map[j++] = i;
  }
  map[j] = input.length;
  return { text: out.join(''), map: map.subarray(0, j + 1) };
}

/** Fold a rule's own text (phrases, patterns) the same way replies are folded. */
export function foldPlain(s: string): string {
  return fold(s).text;
}

/** Map a folded [start, end) back to original offsets. */
export function unfoldSpan(f: Folded, start: number, end: number): [number, number] {
  if (!f.map) return [start, end];
  const s = f.map[start]!;
  // include marks dropped right after the last folded character (Arabic tashkeel)
  const e = end > start ? f.map[end]! : s;
  return [s, e];
}
