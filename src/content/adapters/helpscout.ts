// Help Scout: historically Redactor; unverified today, so any contenteditable in the reply form too.
import { hostIs, type Adapter } from './adapter.js';

export const helpscout: Adapter = {
  id: 'helpscout',
  name: 'Help Scout',
  matches: ['*://secure.helpscout.net/*'],
  test: (u) => hostIs(u, 'secure.helpscout.net'),
  composers: ['.redactor_redactor.redactor_editor', '.redactor-editor[contenteditable="true"]', 'form [contenteditable="true"]'],
};
