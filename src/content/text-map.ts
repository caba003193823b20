/**
 * A rich editor's DOM as plain text, with a table back to DOM positions.
 *
 * Text nodes contribute their data; <br> and block boundaries contribute "\n". Editor fillers
 * (ProseMirror's trailing break, CKEditor's filler) and quoted mail (<blockquote>, .gmail_quote)
 * contribute nothing. Offsets are UTF-16, like the engine's.
 */

export interface Seg {
  /** A text node, or null for a synthetic "\n". */
  node: Text | null;
  /** The element after which a synthetic newline stands (for positioning). */
  after?: Node;
  start: number;
  end: number;
}

export interface TextMap {
  text: string;
  segs: Seg[];
}

const BLOCK = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'TR', 'TABLE', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'FIGURE', 'HR', 'DL', 'DT', 'DD']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'BLOCKQUOTE', 'svg', 'IMG', 'VIDEO', 'AUDIO', 'CANVAS', 'IFRAME', 'OBJECT']);

function isFiller(el: Element): boolean {
  return el.classList.contains('ProseMirror-trailingBreak') || el.hasAttribute('data-cke-filler')
    || el.classList.contains('gmail_quote') || el.classList.contains('ck-fake-selection-container')
    || el.getAttribute('data-tact-ignore') !== null || el.classList.contains('fr-marker');
}

export function readEditable(root: HTMLElement): TextMap {
  const segs: Seg[] = [];
  let text = '';
  const newline = (after: Node) => {
    if (text.length === 0 || text.endsWith('\n')) return;
    segs.push({ node: null, after, start: text.length, end: text.length + 1 });
    text += '\n';
  };
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        const t = c as Text;
        const d = t.data;
        if (!d) continue;
        segs.push({ node: t, start: text.length, end: text.length + d.length });
        text += d;
      } else if (c.nodeType === 1) {
        const el = c as Element;
        if (SKIP.has(el.tagName) || isFiller(el)) {
          if (BLOCK.has(el.tagName) || el.tagName === 'BLOCKQUOTE') newline(el);
          continue;
        }
        if (el.tagName === 'BR') {
          segs.push({ node: null, after: el, start: text.length, end: text.length + 1 });
          text += '\n';
          continue;
        }
        const block = BLOCK.has(el.tagName);
        if (block) newline(el);
        walk(el);
        if (block) newline(el);
      }
    }
  };
  walk(root);
  return { text, segs };
}

/** Binary search for the segment holding offset (for an end offset, the one ending there). */
function segAt(map: TextMap, offset: number, isEnd: boolean): Seg | null {
  const s = map.segs;
  let lo = 0, hi = s.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const g = s[mid]!;
    if (isEnd ? offset <= g.start : offset < g.start) hi = mid - 1;
    else if (isEnd ? offset > g.end : offset >= g.end) lo = mid + 1;
    else return g;
  }
  return null;
}

function point(map: TextMap, offset: number, isEnd: boolean): [Node, number] | null {
  const g = segAt(map, offset, isEnd);
  if (!g) return null;
  if (g.node) return [g.node, offset - g.start];
  const after = g.after!;
  const parent = after.parentNode;
  if (!parent) return null;
  const idx = Array.prototype.indexOf.call(parent.childNodes, after);
  return [parent, offset === g.start ? idx : idx + 1];
}

/** A live DOM Range for [start, end) of the text, or null if the DOM changed under the map. */
export function rangeFor(map: TextMap, start: number, end: number): Range | null {
  const a = point(map, start, false);
  const b = point(map, end, true);
  if (!a || !b) return null;
  const r = document.createRange();
  try {
    r.setStart(a[0], a[1]);
    r.setEnd(b[0], b[1]);
  } catch {
    return null;
  }
  return r;
}

/** The text offset of a DOM position (e.g. the caret), or -1. */
export function offsetOf(map: TextMap, node: Node, offset: number): number {
  if (node.nodeType === 3) {
    for (const g of map.segs) if (g.node === node) return g.start + Math.min(offset, g.end - g.start);
    return -1;
  }
  // an element position: the first text segment at or after that child
  const child = node.childNodes[offset] ?? null;
  if (!child) {
    let last = -1;
    for (const g of map.segs) if (g.node && node.contains(g.node)) last = g.end;
    return last;
  }
  for (const g of map.segs) {
    const n = g.node ?? g.after!;
    if (n === child || child.contains(n) || (child.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING)) return g.start;
  }
  return map.text.length;
}
