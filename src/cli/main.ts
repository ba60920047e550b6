/**
 * The `bnlab` command line (started by scripts/bnlab.mjs with the TypeScript hooks): runs the
 * command its arguments name and exits with its code.
 */
import { runCli } from './cli';

process.exit(
  await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }),
);
