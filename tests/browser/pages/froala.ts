// Freshdesk-like composer: the real Froala editor.
import FroalaEditor from 'froala-editor';
import 'froala-editor/css/froala_editor.pkgd.min.css';

const editor: any = new FroalaEditor('#composer', {
  events: { initialized() { (window as any).editorReady = true; } },
});
(window as any).editor = editor;
(window as any).modelText = () => {
  const div = document.createElement('div');
  div.innerHTML = editor.html.get();
  div.querySelectorAll('[data-f-id="pbf"]').forEach((n) => n.remove()); // the unlicensed build's "Powered by" line
  return Array.from(div.querySelectorAll('p')).map((p) => p.textContent).join('\n') || div.textContent;
};
