// Zendesk-like composer: the real CKEditor 5 (ClassicEditor), as Zendesk Agent Workspace uses.
import { ClassicEditor, Essentials, Paragraph, Bold, Italic, Link, List } from 'ckeditor5';
import 'ckeditor5/ckeditor5.css';

ClassicEditor.create(document.querySelector('#composer') as HTMLElement, {
  licenseKey: 'GPL',
  plugins: [Essentials, Paragraph, Bold, Italic, Link, List],
  toolbar: ['bold', 'italic', 'link', 'bulletedList', 'undo', 'redo'],
}).then((editor) => {
  // Zendesk marks its editable like this
  editor.ui.getEditableElement()!.setAttribute('data-test-id', 'omnicomposer-rich-text-ckeditor');
  (window as any).editor = editor;
  (window as any).modelText = () => {
    const root = editor.model.document.getRoot()!;
    return Array.from(root.getChildren()).map((p: any) => Array.from(p.getChildren()).map((n: any) => n.data ?? '').join('')).join('\n');
  };
  (window as any).editorReady = true;
});
