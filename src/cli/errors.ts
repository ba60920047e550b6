/** Exit codes of the CLI and the error that carries one up to main. */

/** Exit codes: success, a run failed while training, bad usage or input, interrupted by a signal. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  /** 128 + SIGINT's number, as shells report a Ctrl-C. */
  interrupted: 130,
  /** 128 + SIGTERM's number. */
  terminated: 143,
} as const;

/** A problem with the command line or its input, found before anything trains: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
