/**
 * The `bnlab` command line (started by scripts/bnlab.mjs with the TypeScript hooks): dispatches
 * to a command and turns its outcome into an exit code.
 */
import { checkpointCommand } from './checkpointCommand';
import { EXIT, UsageError } from './errors';
import { MAIN_HELP } from './help';
import { measureCommand } from './measureCommand';
import { runCommand } from './runCommand';
import { PRODUCER } from './version';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = { stdout: process.stdout, stderr: process.stderr };
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

let code: number;
try {
  code = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`bnlab: ${error.message}\n`);
    code = EXIT.usage;
  } else {
    process.stderr.write(
      `bnlab: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    code = EXIT.failed;
  }
}
process.exit(code);
