/**
 * contenteditable editors: plain (Gmail, Outlook), ProseMirror (Intercom), CKEditor 5 (Zendesk),
 * Froala (Freshdesk). Reading is shared (text-map.ts); replacing differs by editor, because each
 * keeps its own model and undo history:
 *
 *   plain, Froala     select the range, execCommand('insertText'): native undo, input event
 *   ProseMirror       the same: ProseMirror reads the DOM change into a transaction (one undo step)
 *   CKEditor 5        a cancelable beforeinput 'insertReplacementText' with target ranges, which
 *                     CKEditor turns into its own insertText command; it reverts raw DOM edits
 *   any, if that fails  a synthetic paste carrying text/plain and text/html
 *
 * After each try the text is read back; the next method is tried only if nothing changed.
 */
import { offsetOf, rangeFor, readEditable, type TextMap } from '../text-map.js';
import { nextFrame, sameText, type Bridge, type EditorKind } from './bridge.js';

type Method = 'execCommand' | 'beforeinput' | 'paste';

const METHODS: Record<Exclude<EditorKind, 'textarea'>, Method[]> = {
  contenteditable: ['execCommand', 'beforeinput', 'paste'],
  prosemirror: ['execCommand', 'paste'],
  ckeditor5: ['beforeinput', 'paste'],
  froala: ['paste', 'execCommand'],
  // roosterjs (Outlook): a paste goes through its PastePlugin as one change with its own undo
  // snapshot; typed-in text would be undone together with the last words the agent typed
  roosterjs: ['paste', 'execCommand', 'beforeinput'],
};

export class EditableBridge implements Bridge {
  private map: TextMap = { text: '', segs: [] };

  constructor(readonly el: HTMLElement, readonly kind: Exclude<EditorKind, 'textarea'>) {}

  read(): string {
    this.map = readEditable(this.el);
    return this.map.text;
  }

  rangeFor(start: number, end: number): Range | null {
    const r = rangeFor(this.map, start, end);
    if (!r || !this.el.contains(r.commonAncestorContainer)) return null;
    return r;
  }

  rectsFor(start: number, end: number): DOMRect[] {
    const r = this.rangeFor(start, end);
    return r ? Array.from(r.getClientRects()).filter((q) => q.width > 0) : [];
  }

  caret(): number | null {
    const root = this.el.getRootNode() as Document | ShadowRoot;
    const sel = ('getSelection' in root && typeof (root as any).getSelection === 'function' ? (root as any).getSelection() : null) ?? document.getSelection();
    if (!sel || sel.rangeCount === 0 || !sel.focusNode || !this.el.contains(sel.focusNode)) return null;
    const o = offsetOf(this.map, sel.focusNode, sel.focusOffset);
    return o < 0 ? null : o;
  }

  async replace(start: number, end: number, text: string): Promise<string | null> {
    const before = this.read();
    if (before.length < end) return null;
    const expected = before.slice(0, start) + text + before.slice(end);
    for (const method of METHODS[this.kind]) {
      const range = rangeFor(this.map, start, end);
      if (!range) return null;
      this.select(range);
      this.run(method, range, text);
      let now = this.read();
      if (sameText(now, expected)) return method;
      await nextFrame();
      now = this.read();
      if (sameText(now, expected)) return method;
      if (!sameText(now, before)) return null; // the editor did something else: don't stack another try on it
    }
    return null;
  }

  async insertHere(text: string): Promise<boolean> {
    const before = this.read();
    const sel = document.getSelection();
    // set the selection anew (at the caret, or at the start when there is none): that also ends
    // the browser's open typing command, so the insertion is its own undo step
    let r: Range;
    if (!sel || !sel.rangeCount || !this.el.contains(sel.anchorNode)) {
      r = document.createRange();
      r.selectNodeContents(this.el);
      r.collapse(true);
    } else r = sel.getRangeAt(0).cloneRange();
    sel?.removeAllRanges();
    sel?.addRange(r);
    document.dispatchEvent(new Event('selectionchange'));
    // each editor's own path first, as for replacements (METHODS): CKEditor 5 types from
    // beforeinput, Froala and roosterjs take a paste as one undoable change, the rest execCommand
    const first = METHODS[this.kind][0]!;
    const tries: (() => void)[] = [
      () => (this.kind === 'ckeditor5'
        ? this.el.dispatchEvent(new InputEvent('beforeinput', { inputType: 'insertText', data: text, bubbles: true, cancelable: true, composed: true }))
        : first === 'paste' ? this.run('paste', r, text) : document.execCommand('insertText', false, text)),
      () => document.execCommand('insertText', false, text),
    ];
    for (const go of tries) {
      go();
      if (sameText(this.read(), before) === false && this.read().includes(text.trim())) return true;
      await nextFrame();
      const now = this.read();
      if (now.includes(text.trim())) return true;
      if (!sameText(now, before)) return false;
    }
    return false;
  }

  private select(range: Range) {
    this.el.focus({ preventScroll: true });
    const sel = document.getSelection();
    if (!sel) return;
    sel.removeAllRanges();
    sel.addRange(range);
    // editors sync their model selection on selectionchange; give them the event now
    document.dispatchEvent(new Event('selectionchange'));
  }

  private run(method: Method, range: Range, text: string) {
    if (method === 'execCommand') {
      if (text) document.execCommand('insertText', false, text);
      else document.execCommand('delete');
    } else if (method === 'beforeinput') {
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      const ev = new InputEvent('beforeinput', {
        inputType: 'insertReplacementText', data: text, dataTransfer: dt,
        targetRanges: [new StaticRange(range)], bubbles: true, cancelable: true, composed: true,
      });
      this.el.dispatchEvent(ev);
    } else {
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      dt.setData('text/html', esc);
      this.el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true, composed: true }));
    }
  }

  destroy(): void {}
}
