/**
 * Text an agent quotes from the customer is never flagged: "> " lines, an email's quoted tail
 * ("On Mon, Ann wrote:"), and quotation marks right after "you wrote / you said" in any of
 * Tact's languages.
 */

export type Range = [number, number];

const QUOTE_LINE = /^[ \t]*>.*$/gm;
// "On 3 May 2026, Ann <ann@x.com> wrote:" and its translations: everything after it is quoted.
const REPLY_HEADER = /^.{0,200}(?:wrote|написал[аи]?|написа|писал[аи]?|كتب|skribis|写道)[:：]\s*$/imu;
// Reported speech right before a quotation mark.
const SAID = /(?:wrote|said|write|say|mentioned|asked|писали|написали|пишете|сказали|написахте|пишете|казахте|كتبت|قلت|ذكرت|skribis|diris|写道|说|提到|问)\s*[:,：，]?\s*$/iu;
const OPENERS: Record<string, string> = { '«': '»', '“': '”', '"': '"', '„': '“', '「': '」', '『': '』', '‘': '’' };

export function quotedRanges(text: string): Range[] {
  const out: Range[] = [];
  QUOTE_LINE.lastIndex = 0;
  for (let m; (m = QUOTE_LINE.exec(text)); ) out.push([m.index, m.index + m[0].length]);
  const h = REPLY_HEADER.exec(text);
  if (h) out.push([h.index, text.length]);
  for (let i = 0; i < text.length; i++) {
    const close = OPENERS[text[i]!];
    if (!close) continue;
    const end = text.indexOf(close, i + 1);
    if (end < 0) continue;
    const para = text.indexOf('\n\n', i);
    if (para >= 0 && para < end) continue;
    if (SAID.test(text.slice(Math.max(0, i - 40), i))) out.push([i, end + 1]);
    if (close === text[i]) i = end; // straight quotes pair up; skip over the closer
  }
  return out;
}

export function overlapsAny(ranges: Range[], start: number, end: number): boolean {
  for (const [s, e] of ranges) if (start < e && end > s) return true;
  return false;
}
