// `node --import ./src/cli/nodeEsm.mjs`: lets Node scripts load tfjs's ES module files (see hooks).
import { register } from 'node:module';

register('./nodeEsmHooks.mjs', import.meta.url);
