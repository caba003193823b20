/**
 * Case-insensitive matching without the i flag. V8 compiles a case-insensitive regex about twice
 * as slowly as the same regex without it, and tiers it up to native code about three times as
 * slowly (measured on the English rules: 277 ms -> 150 ms for all of them), which is most of the
 * cost of a first check. So replies are lowercased (keeping every offset) and rule sources are
 * lowercased once, here. A source that can't be keeps the i flag: one with a cased letter
 * written as an escape (\u0410) outside a character class that holds both its cases, or a
 * \p{Lu}-style class.
 */

/** Lowercase without changing length or positions: a character whose lowercase is longer stays. */
export function lowerKeepLength(s: string): string {
  const l = s.toLowerCase();
  if (l.length === s.length) return l;
  let out = '';
  for (const ch of s) {
    const c = ch.toLowerCase();
    out += c.length === ch.length ? c : ch;
  }
  return out;
}

// escapes and named groups stay as written; the plain text between them is lowercased
const TOKEN = /\[(?:\\[^]|[^\]\\])*\]|\\(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[pP]\{[^}]*\}|k<[^>]*>|c[A-Za-z]|[^])|\(\?<[A-Za-z_]\w*>|([^\\([]+|\()/g;
const CASED_PROPERTY = /\\[pP]\{(?:gc=|General_Category=)?(?:Lu|Ll|Lt|LC|Cased_Letter|Uppercase_Letter|Lowercase_Letter|Titlecase_Letter|Uppercase|Lowercase)\}/;

const isCased = (cp: number) => { const c = String.fromCodePoint(cp); return c.toLowerCase() !== c.toUpperCase(); };

/** A class's members as ranges, or null when it holds something we don't reason about (\p{}, \W). */
function classRanges(body: string): { ranges: [number, number][]; word: boolean } | null {
  const ranges: [number, number][] = [];
  let word = false;
  const atoms: (number | null)[] = [];
  const dash: boolean[] = [];
  for (let i = 0; i < body.length; ) {
    let cp: number | null;
    if (body[i] === '\\') {
      const m = /^\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([pP])\{[^}]*\}|([wWdDsSbB])|([^]))/.exec(body.slice(i))!;
      i += m[0].length;
      if (m[4]) return null;
      if (m[5]) { if (m[5] === 'w') word = true; else if (m[5] === 'W') return null; cp = null; }
      else cp = m[6] !== undefined ? m[6].codePointAt(0)! : parseInt(m[1] ?? m[2] ?? m[3]!, 16);
    } else {
      cp = body.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
    }
    atoms.push(cp);
    const isDash = body[i] === '-' && i + 1 < body.length;
    dash.push(isDash);
    if (isDash) i++;
  }
  for (let k = 0; k < atoms.length; k++) {
    const a = atoms[k] ?? null, b = atoms[k + 1] ?? null;
    if (dash[k] && a !== null && b !== null) { ranges.push([a, b]); k++; }
    else if (a !== null) ranges.push([a, a]);
  }
  return { ranges, word };
}

const esc = (cp: number) => (cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`);
const closeCache = new Map<string, string | null>();

/**
 * A character class that matches on lowercased text what it matched case-insensitively: the
 * lowercase of every cased member it lacks is added (as escapes). Null when it can't be told
 * (a \p{} or \W inside).
 */
export function closeClass(cls: string): string | null {
  let v = closeCache.get(cls);
  if (v !== undefined) return v;
  v = computeClose(cls);
  closeCache.set(cls, v);
  return v;
}

function computeClose(cls: string): string | null {
  const neg = cls.startsWith('[^');
  const body = cls.slice(neg ? 2 : 1, -1);
  const r = classRanges(body);
  if (!r) return null;
  const has = (cp: number) => r.ranges.some(([lo, hi]) => cp >= lo && cp <= hi) || (r.word && cp < 128 && /\w/.test(String.fromCharCode(cp)));
  const missing: number[] = [];
  for (const [lo, hi] of r.ranges) {
    if (hi - lo > 0x6000) return null;
    for (let cp = lo; cp <= hi; cp++) {
      if (!isCased(cp)) continue;
      const l = String.fromCodePoint(cp).toLowerCase();
      if ([...l].length !== 1) continue;
      const lc = l.codePointAt(0)!;
      if (!has(lc) && !missing.includes(lc)) missing.push(lc);
    }
  }
  if (!missing.length) return cls;
  missing.sort((a, b) => a - b);
  let add = '';
  for (let k = 0; k < missing.length; ) {
    let j = k;
    while (j + 1 < missing.length && missing[j + 1] === missing[j]! + 1) j++;
    add += j > k ? `${esc(missing[k]!)}-${esc(missing[j]!)}` : esc(missing[k]!);
    k = j + 1;
  }
  return `[${neg ? '^' : ''}${body}${add}]`;
}

/** Does a class already match on lowercased text what it matched case-insensitively? */
export const classClosed = (cls: string) => closeClass(cls) === cls;

/** A rule source lowercased outside escapes; `ci` when it must still run with the i flag. */
export function lowerSource(src: string): { source: string; ci: boolean } {
  let ci = CASED_PROPERTY.test(src);
  const out = src.replace(TOKEN, (m, plain: string | undefined) => {
    if (plain !== undefined) return lowerKeepLength(plain);
    if (m[0] === '[') {
      const c = closeClass(m);
      if (c === null) { ci = true; return m; }
      return c;
    }
    // a cased letter written as an escape: its lowercase
    const e = /^\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))$/.exec(m);
    if (e) {
      const cp = parseInt(e[1] ?? e[2] ?? e[3]!, 16);
      const l = String.fromCodePoint(cp).toLowerCase();
      if ([...l].length === 1 && l.codePointAt(0) !== cp) return esc(l.codePointAt(0)!);
    }
    return m;
  });
  if (ci) return { source: src, ci: true };
  try { new RegExp(out, /\\[pP]\{|\\u\{|[\ud800-\udfff]/.test(out) ? 'u' : ''); } catch { return { source: src, ci: true }; }
  return { source: out, ci: false };
}
