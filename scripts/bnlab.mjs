#!/usr/bin/env node
// `bnlab` (package.json "bin", `npm run cli`): starts Node again with the TypeScript (tsx) and tfjs
// resolve hooks, found from this file rather than the working directory, to run src/cli/main.ts.
// Arguments, stdio and the exit code pass through; SIGINT and SIGTERM are forwarded to the child.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const tsx = import.meta.resolve('tsx');
const esmHooks = new URL('../src/cli/nodeEsm.mjs', import.meta.url).href;
const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

const child = spawn(
  process.execPath,
  ['--import', tsx, '--import', esmHooks, main, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}

child.on('error', (error) => {
  console.error(`bnlab: could not start node: ${error.message}`);
  process.exit(1);
});

child.on('exit', (code, signal) => {
  if (signal) {
    // Die of the same signal, so the shell sees what the child saw.
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
