/** The command line as a user runs it: the launcher spawned in a working directory. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const LAUNCHER = fileURLToPath(new URL('../../scripts/bnlab.mjs', import.meta.url));

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `bnlab <args>` in `cwd` and collect its exit code and output. */
export function runBnlab(args: string[], cwd: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Run `bnlab <args>` in this process (no launcher, no TypeScript hooks to start): for what fails
 * or prints before any training, where a spawned process would only add seconds of start-up.
 * Paths in `args` must be absolute.
 */
export async function runBnlabInProcess(args: string[]): Promise<Outcome> {
  const { runCli } = await import('../../src/cli/cli');
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}
