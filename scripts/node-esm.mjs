// `node --import ./scripts/node-esm.mjs`: lets Node scripts load tfjs's ES module files (see hooks).
import { register } from 'node:module';

register('./node-esm-hooks.mjs', import.meta.url);
