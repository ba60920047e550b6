/** The CLI's usage texts. */
import { defaultWorkers } from './runArgs';
import { PRODUCER } from './version';

export const MAIN_HELP = `${PRODUCER}: trains BatchNorm Lab runs headless in Node and writes them as a
file the app imports (Lab > Import).

Usage:
  bnlab run <input> [options]   train a config file, a sweep file or a preset
  bnlab run --list-presets      list the preset ids
  bnlab run --help              the run command's options, in detail
  bnlab run --resume FILE       continue a run from a checkpoint file
  bnlab checkpoint <input> --at 10,20 --out-dir DIR
                                train one run, saving its full state at those steps
  bnlab measure <checkpoint> [--batch i,j,k]
                                every measurement on a checkpoint's state, as JSON
  bnlab --help | --version

Examples:
  bnlab run does-bn-work/batchnorm-lr0.5 --steps 200
  bnlab run sweep.json --seeds 3 --out sweep-runs.json
  npm run cli -- run my-run.json --backend cpu
`;

export function runHelp(): string {
  return `Usage: bnlab run <input> [--steps N] [--seeds K] [--workers W] [--out FILE] [--backend cpu|wasm]
       bnlab run --resume FILE [--steps N] [--out FILE] [--backend cpu|wasm]
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
                 e.g. "LR 0.5 · BN".
  a preset id    a run of an article experiment at its default settings, e.g.
                 does-bn-work/batchnorm-lr0.5 (--list-presets lists them all).
Every config is validated before anything trains.

Options:
  --steps N         train N steps per run (replaces each config's "steps")
  --dataset D       train on mnist or fashion-mnist (replaces each config's "dataset"; a config
                    without one trains on mnist; a sweep may vary "dataset")
  --seeds K         train each run with K seeds: its own seed, then seed + 1, ... (default 1);
                    runs that differ only in seed share a group and a colour in the app
  --workers W       worker threads, each training one run at a time
                    (default: one per spare core, ${defaultWorkers()} here)
  --out FILE, -o    the file to write (default bnlab-runs-<date>-<time>.json in this directory)
  --backend B       wasm (default) or cpu
  --resume FILE     continue the run saved in a checkpoint file (bnlab checkpoint writes them;
                    docs/checkpoint-format.md): its config comes from the file, --steps may
                    extend it; the output holds the steps after the checkpoint
  --list-presets    print every preset id with its name, and exit
  --help, -h        print this help, and exit

Progress goes to stderr: a line per run and an overall line, redrawn in place on a terminal, a line
per run every 10% otherwise. Ctrl-C stops training and writes every step finished so far (runs
marked "stopped", exit code 130); a second Ctrl-C stops without waiting for the current steps.

Exit codes: 0 all runs ended (diverged and stalled runs included), 1 a run failed while training,
2 bad usage, input or config (nothing trained), 130 interrupted.

Examples:
  bnlab run does-bn-work/batchnorm-lr0.5
  bnlab run bn.json --steps 300 --seeds 3           # bn.json: {"model": {"normalization": "batchnorm"}}
  bnlab run sweep.json --workers 2 --out lr-sweep-runs.json
  npm run cli -- run is-it-ics/noisy-batchnorm --backend cpu
  bnlab run --resume ckpt/bn-step100.bnlabck --steps 300 --out bn-resumed.json
`;
}

export function checkpointHelp(): string {
  return `Usage: bnlab checkpoint <input> --at S1,S2,... --out-dir DIR [--steps N] [--backend cpu|wasm]

Trains one run (a config file or a preset id, as bnlab run reads them) in this process and writes
its full training state (weights, BN running statistics, optimizer state, batch order, PRNGs and
config) at each listed step, as DIR/<name>-step<N>.bnlabck. The format is documented in
docs/checkpoint-format.md; bnlab run --resume FILE continues a run from one.

Options:
  --at S1,S2,...    the steps to save at (after that many steps)
  --out-dir DIR     the folder to write to (created when missing)
  --steps N         the run's steps (replaces the config's "steps")
  --backend B       wasm (default) or cpu
  --help, -h        print this help, and exit

Exit codes: 0 written, 1 training failed, 2 bad usage, input or config.

Examples:
  bnlab checkpoint does-bn-work/batchnorm-lr0.5 --at 100,200 --out-dir ckpt
  bnlab checkpoint bn.json --at 3 --out-dir . --backend cpu
  bnlab run --resume ckpt/batchnorm-lr0.5-step100.bnlabck --out resumed.json
`;
}

export function measureHelp(): string {
  return `Usage: bnlab measure <checkpoint> [--batch I1,I2,... | --batch-file FILE] [--backend cpu|wasm]

Restores a checkpoint file (bnlab checkpoint writes them) and prints, as JSON on stdout, every
measurement the engine makes, taken on exactly that state and one batch:
  loss, accuracy       of the batch (accuracy on MNIST only)
  dead                 the dead-ReLU fraction per conv block
  gradientNorms        per layer: ||grad|| of its weight, and of all its parameters
  moments              per normalized layer: each channel's mean and variance before normalization
  ics                  per layer after the first: ||G - G'||, cos(G, G') and ||G - G'|| / ||G||
  landscape            per step size eta: L(W - eta g), ||g - grad L(W - eta g)|| and that over
                       ||eta g|| (the effective beta-smoothness)
  activationLandscape  the same in the activation space of layer 2 (MNIST CNN only)
  metrics              every metric as the app charts it (quantiles, the landscape's min and max,
                       ICS of layer 2 and the last layer, what each measurement cost in ms)
It runs the engine's own measured training step with every measurement switched on; a step's
metrics are taken before its update, so they describe the checkpoint's state. The definitions are
the app's (its metric help).

Options:
  --batch I1,I2,...   the batch: indices of MNIST images (0 to 9999 in the shipped set), or of
                      the deep linear network's points (0 to samples - 1)
  --batch-file FILE   the same, read from a file (commas, spaces, newlines or a JSON array)
                      (neither: the batch the run would have trained on next)
  --backend B         wasm (default) or cpu
  --help, -h          print this help, and exit

Exit codes: 0 printed, 1 measuring failed, 2 bad usage, file or batch.

Examples:
  bnlab measure ckpt/CNN-BN-LR-0.5-step100.bnlabck
  bnlab measure ckpt/CNN-BN-LR-0.5-step100.bnlabck --batch 0,1,2,3,4,5,6,7 > step100.json
  bnlab measure run-step50.bnlabck --batch-file batch.txt --backend cpu
`;
}
