/**
 * <textarea> and text <input>: replace with setSelectionRange + execCommand('insertText'), which
 * keeps the browser's native undo and fires the input event the page listens to (assigning
 * .value would break undo). Positions come from an off-screen mirror with the field's styles.
 */
import { nextFrame, sameText, type Bridge } from './bridge.js';

const COPY = ['boxSizing', 'width', 'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'letterSpacing', 'lineHeight', 'textTransform',
  'wordSpacing', 'textIndent', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'borderTopWidth', 'borderRightWidth',
  'borderBottomWidth', 'borderLeftWidth', 'borderStyle', 'tabSize', 'direction', 'textAlign'] as const;

export class TextareaBridge implements Bridge {
  readonly kind = 'textarea' as const;
  private mirror: HTMLDivElement | null = null;

  constructor(readonly el: HTMLTextAreaElement | HTMLInputElement) {}

  read(): string {
    return this.el.value;
  }

  rangeFor(): Range | null {
    return null;
  }

  rectsFor(start: number, end: number): DOMRect[] {
    const el = this.el;
    const m = (this.mirror ??= document.createElement('div'));
    const cs = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    for (const k of COPY) (m.style as any)[k] = cs[k];
    Object.assign(m.style, {
      position: 'fixed', visibility: 'hidden', pointerEvents: 'none', overflow: 'hidden',
      whiteSpace: el.tagName === 'INPUT' ? 'pre' : 'pre-wrap', overflowWrap: 'break-word',
      left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px`,
    });
    // The mirror lives in <html>, outside the page's editor, and is never inside the field.
    if (!m.isConnected) document.documentElement.appendChild(m);
    m.textContent = el.value + '\u200b';
    const node = m.firstChild as Text;
    const r = document.createRange();
    r.setStart(node, Math.min(start, node.length));
    r.setEnd(node, Math.min(end, node.length));
    const dx = -el.scrollLeft, dy = -el.scrollTop;
    const rects = Array.from(r.getClientRects()).map((q) => new DOMRect(q.left + dx, q.top + dy, q.width, q.height));
    return rects.filter((q) => q.bottom > box.top && q.top < box.bottom && q.width > 0);
  }

  caret(): number | null {
    return document.activeElement === this.el ? this.el.selectionStart : null;
  }

  async replace(start: number, end: number, text: string): Promise<string | null> {
    const el = this.el;
    const before = el.value;
    if (before.length < end) return null;
    const expected = before.slice(0, start) + text + before.slice(end);
    el.focus();
    el.setSelectionRange(start, end);
    const ok = text ? document.execCommand('insertText', false, text) : document.execCommand('delete');
    if (ok && sameText(el.value, expected)) return 'execCommand';
    await nextFrame();
    if (sameText(el.value, expected)) return 'execCommand';
    return null;
  }

  async insertHere(text: string): Promise<boolean> {
    const at = this.el.selectionStart ?? this.el.value.length;
    return !!(await this.replace(at, this.el.selectionEnd ?? at, text));
  }

  destroy(): void {
    this.mirror?.remove();
    this.mirror = null;
  }
}
