/**
 * Anchors: literal strings one of which every match of a rule must contain. The checker scans a
 * reply once for all anchors of a language (one alternation of literals, which V8 runs fast) and
 * runs only the rules whose anchors occur, only around where they occur. Computed at build time
 * from the phrase syntax or the author's regex; a rule with none (rare) is run on the whole text.
 */

export type Req = string[] | null;

/**
 * Words so frequent in replies that as anchors they select nothing: a rule anchored on "the"
 * runs over the whole reply. A set holding one is picked only when nothing else is required.
 */
const COMMON = new Set(('the a an and or but to of in on at for with from by as is are was were be been it its this that these those '
  + 'you your yours we our us i me my he she they them their it\'s that\'s not no yes do does did have has had will would can could '
  + 'should just so if then than there here what how who why when where all any some more very too also about up out get got '
  + 'please thanks thank hi hello').split(' '));
export const isCommon = (s: string) => COMMON.has(s.toLowerCase());

/** Score of an anchor set: longest shortest anchor, then fewest; sets with a common word last. */
export function anchorScore(c: string[]): number {
  // an emoji counts as two: selective on its own
  const len = (s: string) => ([...s].length === 1 && /[\ud800-\udbff]/.test(s) ? 2 : [...s].length);
  const min = Math.min(...c.map(len));
  if (min < MIN_ANCHOR) return -1; // unusable: finish() would drop the rule's anchors
  return (c.some(isCommon) ? 0 : 10000) + min * 100 - c.length;
}

/** Pick the most selective requirement of a sequence. */
function best(cands: Req[]): Req {
  let pick: Req = null;
  let score = -1;
  for (const c of cands) {
    if (!c || c.length === 0) continue;
    const sc = anchorScore(c);
    if (sc >= 0 && sc > score) { score = sc; pick = c; }
  }
  return pick;
}

const MIN_ANCHOR = 2;

export function finish(req: Req): string[] | null {
  if (!req) return null;
  const out = [...new Set(req.map((s) => s.toLowerCase()))];
  // one emoji (beyond the BMP) is selective enough on its own
  if (out.some((s) => [...s].length < MIN_ANCHOR && !/[\ud800-\udbff]/.test(s))) return null;
  return out.sort();
}

/** Anchors of an author's regex (flags iu), or null when no literal is guaranteed. */
export function regexAnchors(src: string): string[] | null {
  let i = 0;
  const alt = (): Req => {
    const alts: Req[] = [seq()];
    while (src[i] === '|') { i++; alts.push(seq()); }
    if (alts.some((a) => !a)) return null;
    return alts.flat() as string[];
  };
  const seq = (): Req => {
    const cands: Req[] = [];
    let run = '';
    const breakRun = () => { if (run) cands.push([run]); run = ''; };
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      let item: { ch?: string; req?: Req } = {};
      const c = src[i]!;
      if (c === '(') {
        i++;
        let look = false;
        if (src[i] === '?') {
          if (src[i + 1] === ':') i += 2;
          else if (src[i + 1] === '=' || src[i + 1] === '!') { i += 2; look = true; }
          else if (src[i + 1] === '<' && (src[i + 2] === '=' || src[i + 2] === '!')) { i += 3; look = true; }
          else if (src[i + 1] === '<') { i = src.indexOf('>', i) + 1; }
        }
        const inner = alt();
        i++; // ')'
        item = { req: look ? null : inner };
        if (look) { breakRun(); if (/[?*+{]/.test(src[i] ?? '')) skipQuant(); continue; }
      } else if (c === '[') {
        const from = i;
        i++;
        if (src[i] === '^') i++;
        if (src[i] === ']') i++;
        while (i < src.length && src[i] !== ']') { if (src[i] === '\\') i++; i++; }
        i++;
        // a small class of plain characters ([🙄😒]) requires one of them
        const body = src.slice(from + 1, i - 1);
        const plain = !body.startsWith('^') && !/[\\\-]/.test(body) && [...body].length <= 8;
        item = { req: plain && body ? [...new Set([...body])] : null };
      } else if (c === '\\') {
        const n = src[i + 1] ?? '';
        i += 2;
        if (n === 's' && /[?*]/.test(src[i] ?? '') && /\p{Script=Han}$/u.test(run) && /^\p{Script=Han}/u.test(src.slice(i + 1).replace(/^\?/, ''))) {
          // Chinese phrases allow an optional space between characters ("冷\s?静"); text rarely has one
          i++;
          if (src[i] === '?') i++;
          continue;
        }
        if (/[dDwWsSbBpPk]/.test(n)) {
          if (n === 'p' || n === 'P' || n === 'k') { if (src[i] === '{' || src[i] === '<') i = src.indexOf(n === 'k' ? '>' : '}', i) + 1; }
          if (n === 'b' || n === 'B') { breakRun(); continue; }
          item = { req: null };
        } else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i, i + 4))) { item = { ch: String.fromCharCode(parseInt(src.slice(i, i + 4), 16)) }; i += 4; }
        else if (n === 'u' && src[i] === '{') { const e = src.indexOf('}', i); item = { ch: String.fromCodePoint(parseInt(src.slice(i + 1, e), 16)) }; i = e + 1; }
        else if (n === 'x') { item = { ch: String.fromCharCode(parseInt(src.slice(i, i + 2), 16)) }; i += 2; }
        else if (/[nrtfv0]/.test(n)) item = { req: null };
        else item = { ch: n };
      } else if (c === '.' ) { i++; item = { req: null }; }
      else if (c === '^' || c === '$') { i++; breakRun(); continue; }
      else {
        const cp = src.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        i += ch.length;
        item = /\s/.test(ch) ? { req: null } : { ch };
      }
      // quantifier
      let min = 1;
      if (/[?*+{]/.test(src[i] ?? '')) min = skipQuant();
      if (item.ch !== undefined && min >= 1) {
        run += item.ch;
        if (min !== Infinity && src[i - 1] !== item.ch && /[?*+}]/.test(src[i - 1] ?? '')) breakRun(); // quantified: the run ends here
      } else {
        breakRun();
        if (min >= 1 && item.req) cands.push(item.req);
      }
    }
    breakRun();
    return best(cands);
  };
  /** Skip a quantifier at i; return its minimum (Infinity marks "no quantifier"). */
  const skipQuant = (): number => {
    const q = src[i]!;
    let min = 1;
    if (q === '?' || q === '*') { min = 0; i++; }
    else if (q === '+') { min = 1; i++; }
    else if (q === '{') {
      const e = src.indexOf('}', i);
      const m = /^\{(\d+)(?:,(\d*))?\}$/.exec(src.slice(i, e + 1));
      if (!m) { i++; return 1; }
      min = Number(m[1]);
      i = e + 1;
    }
    if (src[i] === '?') i++;
    return min;
  };
  try {
    const r = alt();
    if (i < src.length) return null;
    return finish(r);
  } catch {
    return null;
  }
}
