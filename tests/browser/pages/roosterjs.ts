// Outlook-on-the-web-like composer: roosterjs, the open-source editor Microsoft builds Outlook's
// compose body with, with its edit, paste and shortcut (Ctrl+Z) plugins.
import { Editor } from 'roosterjs-content-model-core';
import { EditPlugin, PastePlugin, ShortcutPlugin } from 'roosterjs-content-model-plugins';

const el = document.querySelector('#composer') as HTMLDivElement;
const editor = new Editor(el, { plugins: [new EditPlugin(), new PastePlugin(), new ShortcutPlugin()] });
(window as any).editor = editor;
(window as any).modelText = () => el.innerText.replace(/\n$/, '');
(window as any).editorReady = true;
