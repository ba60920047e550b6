/** The CLI's usage texts. */
import { defaultWorkers } from './runArgs';
import { PRODUCER } from './version';

export const MAIN_HELP = `${PRODUCER}: trains BatchNorm Lab runs headless in Node and writes them as a
file the app imports (Lab > Import).

Usage:
  bnlab run <input> [options]   train a config file, a sweep file or a preset
  bnlab run --list-presets      list the preset ids
  bnlab run --help              the run command's options, in detail
  bnlab --help | --version

Examples:
  bnlab run does-bn-work/batchnorm-lr0.5 --steps 200
  bnlab run sweep.json --seeds 3 --out sweep-runs.json
  npm run cli -- run my-run.json --backend cpu
`;

export function runHelp(): string {
  return `Usage: bnlab run <input> [--steps N] [--seeds K] [--workers W] [--out FILE] [--backend cpu|wasm]
       bnlab run --list-presets

Trains runs with the app's engine in worker threads and writes them, with every metric series the
engine records, in the app's export format (import the file in the Lab).

<input> is one of:
  a config file  a run config in JSON, as the app's run editor shows it: a full config, or a
                 partial one merged over the defaults (objects field by field, arrays and values
                 replaced), e.g. {"model": {"normalization": "batchnorm"}, "learningRate": 0.5}.
                 Unknown fields are refused. The run is named after the file.
  a sweep file   {"base": <partial config>, "vary": {"learningRate": [0.1, 0.5],
                 "model.normalization": ["none", "batchnorm"]}}: every combination of the varied
                 fields (dotted paths; the first varies slowest), each run named from its values,
                 e.g. "learningRate=0.5 model.normalization=batchnorm".
  a preset id    a run of an article experiment at its default settings, e.g.
                 does-bn-work/batchnorm-lr0.5 (--list-presets lists them all).
Every config is validated before anything trains.

Options:
  --steps N         train N steps per run (replaces each config's "steps")
  --seeds K         train each run with K seeds: its own seed, then seed + 1, ... (default 1);
                    runs that differ only in seed share a group and a colour in the app
  --workers W       worker threads, each training one run at a time
                    (default: one per spare core, ${defaultWorkers()} here)
  --out FILE, -o    the file to write (default bnlab-runs-<date>-<time>.json in this directory)
  --backend B       wasm (default) or cpu
  --list-presets    print every preset id with its name, and exit
  --help, -h        print this help, and exit

Progress goes to stderr: a line per run and an overall line, redrawn in place on a terminal, a line
per run every 10% otherwise. Ctrl-C stops training and writes every step finished so far (runs
marked "stopped", exit code 130); a second Ctrl-C stops without waiting for the current steps.

Exit codes: 0 all runs ended (diverged runs included), 1 a run failed while training,
2 bad usage, input or config (nothing trained), 130 interrupted.

Examples:
  bnlab run does-bn-work/batchnorm-lr0.5
  bnlab run bn.json --steps 300 --seeds 3           # bn.json: {"model": {"normalization": "batchnorm"}}
  bnlab run sweep.json --workers 2 --out lr-sweep-runs.json
  npm run cli -- run is-it-ics/noisy-batchnorm --backend cpu
`;
}
