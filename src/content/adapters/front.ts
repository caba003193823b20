// Front: no public evidence of its editor; the composer is the contenteditable textbox.
import { hostIs, type Adapter } from './adapter.js';

export const front: Adapter = {
  id: 'front',
  name: 'Front',
  matches: ['*://app.frontapp.com/*'],
  test: (u) => hostIs(u, 'app.frontapp.com'),
  composers: ['[contenteditable="true"][role="textbox"]', '.ProseMirror[contenteditable="true"]', '[contenteditable="true"]'],
};
