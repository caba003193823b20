/**
 * One bridge per editor kind: how to read an editor's text, find a span on screen, and replace
 * a span through the editor's own input path so its model and undo history stay consistent.
 */
export type EditorKind = 'textarea' | 'contenteditable' | 'prosemirror' | 'ckeditor5' | 'froala' | 'roosterjs';

export interface Bridge {
  readonly kind: EditorKind;
  readonly el: HTMLElement;
  /** The editor's text now (also refreshes the DOM map). */
  read(): string;
  /** A live DOM range for a span (rich editors), or null (textarea, or the DOM changed). */
  rangeFor(start: number, end: number): Range | null;
  /** Where a span is on screen (viewport coordinates), one rect per line. */
  rectsFor(start: number, end: number): DOMRect[];
  /** The caret's text offset, or null when the editor has no caret. */
  caret(): number | null;
  /**
   * Replace [start, end) with text, through the editor's own input path, then check the editor
   * really holds the new text. Resolves to the method that worked, or null (the text is then
   * untouched).
   */
  replace(start: number, end: number, text: string): Promise<string | null>;
  /** Type text at the editor's own selection (an empty editor has no offsets to map); true if it took. */
  insertHere(text: string): Promise<boolean>;
  destroy(): void;
}

/** Whitespace that editors rewrite on their own (nbsp for trailing spaces). */
export const sameText = (a: string, b: string) => a.replace(/\u00a0/g, ' ') === b.replace(/\u00a0/g, ' ');

export const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
