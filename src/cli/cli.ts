/**
 * The `bnlab` command line as a function: dispatches to a command and turns its outcome, or the
 * error it threw, into an exit code and a message. main.ts runs it on the process; tests run it
 * in-process for what needs no training.
 */
import { checkpointCommand } from './checkpointCommand';
import { EXIT, UsageError } from './errors';
import { MAIN_HELP } from './help';
import { measureCommand } from './measureCommand';
import { runCommand, type CommandIo } from './runCommand';
import { PRODUCER } from './version';

async function dispatch(argv: readonly string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run':
      return runCommand(rest, io);
    case 'checkpoint':
      return checkpointCommand(rest, io);
    case 'measure':
      return measureCommand(rest, io);
    case '--help':
    case '-h':
    case 'help':
      io.stdout.write(MAIN_HELP);
      return EXIT.ok;
    case '--version':
    case '-v':
      io.stdout.write(`${PRODUCER}\n`);
      return EXIT.ok;
    case undefined:
      io.stderr.write(MAIN_HELP);
      return EXIT.usage;
    default:
      throw new UsageError(`unknown command "${command}" (bnlab --help lists the commands)`);
  }
}

/** Run `bnlab <argv>` writing to `io`; resolves to the exit code (2 for a usage error). */
export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`bnlab: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(
      `bnlab: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    return EXIT.failed;
  }
}
