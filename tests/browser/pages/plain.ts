// Gmail-like and generic pages: the field itself is the model.
const el = document.querySelector('#composer') as HTMLElement;
(window as any).modelText = () => (el instanceof HTMLTextAreaElement ? el.value : el.innerText.replace(/\n$/, ''));
(window as any).editorReady = true;
