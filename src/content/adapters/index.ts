import { freshdesk } from './freshdesk.js';
import { front } from './front.js';
import { generic } from './generic.js';
import { gmail } from './gmail.js';
import { helpscout } from './helpscout.js';
import { intercom } from './intercom.js';
import { outlook } from './outlook.js';
import { zendesk } from './zendesk.js';
import type { Adapter } from './adapter.js';

/** Built-in hosts, then the generic adapter for sites the agent turned on. */
export const ADAPTERS: Adapter[] = [zendesk, gmail, intercom, freshdesk, helpscout, front, outlook];
export { generic };

export function adapterFor(url: URL): Adapter | null {
  return ADAPTERS.find((a) => a.test(url)) ?? null;
}
