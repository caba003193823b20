// Intercom-like composer: the real ProseMirror with history and the base keymap.
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { schema } from 'prosemirror-schema-basic';
import { history, undo, redo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import { baseKeymap } from 'prosemirror-commands';

const mount = document.querySelector('#composer') as HTMLElement;
const view = new EditorView(mount, {
  state: EditorState.create({ schema, plugins: [history(), keymap({ 'Mod-z': undo, 'Mod-y': redo, 'Mod-Shift-z': redo }), keymap(baseKeymap)] }),
  attributes: { class: 'embercom-prosemirror-composer-editor' },
});
(window as any).view = view;
(window as any).modelText = () => {
  const parts: string[] = [];
  view.state.doc.forEach((node) => parts.push(node.textContent));
  return parts.join('\n');
};
(window as any).editorReady = true;
