/**
 * A host adapter says where a help desk's composers are. One file per host, named by its id;
 * everything else (reading, highlighting, replacing) is shared and chosen by editor kind.
 */
import type { EditorKind } from '../bridges/bridge.js';

export interface Adapter {
  id: string;
  name: string;
  /** Match patterns; manifest.json's content_scripts must list the same (a test checks). */
  matches: string[];
  /** Is this page one of the host's? */
  test(url: URL): boolean;
  /** CSS selectors for the reply composer, most specific first. */
  composers: string[];
  /** The editor library of a contenteditable composer, when its DOM doesn't say (roosterjs). */
  editorKind?: EditorKind;
  /** Selectors for the customer's latest inbound message (for situation playbooks). */
  thread?: string[];
}

/** Which editor an element is, from the markers each library leaves. */
export function detectKind(el: Element): EditorKind {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return 'textarea';
  if (el.classList.contains('ProseMirror') || el.closest('.ProseMirror')) return 'prosemirror';
  if (el.classList.contains('ck-editor__editable') || el.closest('.ck-editor__editable')) return 'ckeditor5';
  if (el.classList.contains('fr-element') || el.closest('.fr-element')) return 'froala';
  return 'contenteditable';
}

/** Fields Tact never touches: opt-outs, secrets, code. */
export function optedOut(el: Element): boolean {
  if (el.closest('[data-enable-grammarly="false"], [data-gramm="false"], [data-tact="off"]')) return true;
  if (el instanceof HTMLInputElement && !['text', 'search', ''].includes(el.type)) return true;
  if (el.closest('.cm-editor, .CodeMirror, .monaco-editor, .ace_editor, pre, code, [role="combobox"]')) return true;
  const ac = el.getAttribute('autocomplete');
  if (ac && /password|one-time-code|cc-/.test(ac)) return true;
  return false;
}

export const hostIs = (url: URL, ...suffixes: string[]) =>
  suffixes.some((s) => url.hostname === s || url.hostname.endsWith('.' + s));
