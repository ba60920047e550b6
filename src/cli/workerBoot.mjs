// Entry of every CLI training worker. Node 20 does not apply `--import` preloads' module hooks in
// worker threads, so this file registers them itself (TypeScript through tsx, then the resolve hook
// tfjs's extensionless imports need), then loads the worker proper.
import { register } from 'tsx/esm/api';

register();
await import('./nodeEsm.mjs');
await import('./worker.ts');
