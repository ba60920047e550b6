/** The step-size section: how to read the sweep figure, and what the shipped results show. */
import { pct } from '../../../experiments/findings';
import { NORMALIZATION_LABELS } from '../../../experiments/runs';
import {
  stepSizeFindings,
  TRAINS_ACCURACY,
  type StepSizeFinding,
} from '../../../experiments/sweep/referenceSweep';
import { Measured } from './measured';

export function StepSizeText() {
  return (
    <>
      <p>
        The curves so far compare two learning rates. A wider view asks how large a step each
        network tolerates at all. Train each one at a ladder of learning rates, and plot a single
        number per run, its test accuracy at the end, against the rate it used. A network that is
        easy to optimize keeps a high accuracy over a wide band of rates; one that is hard to
        optimize has a narrow band, and beyond it the runs fail.
      </p>
      <p>
        How to read the figure: the horizontal axis is the learning rate on a log scale, so each
        grid step multiplies it. Each line is one normalization; its dots are the mean over the
        seeds trained at that rate, and the shaded band spans the lowest to the highest seed. A
        triangle marks a seed that <em>stalled</em> (its ReLUs died and it stopped learning), a
        cross one that <em>diverged</em> (its loss became NaN). Such runs are drawn where they
        ended, not dropped, so a line that falls to 10% (chance for ten classes) says the rate
        killed the network.
      </p>
    </>
  );
}

/** One normalization's line in words. */
function describe(finding: StepSizeFinding): string {
  const name = NORMALIZATION_LABELS[finding.normalization];
  const trains =
    finding.trains.length === 0
      ? `reaches ${pct(TRAINS_ACCURACY)} at no rate`
      : `reaches ${pct(TRAINS_ACCURACY)} or more from LR ${finding.trains[0]} to ${finding.trains.at(-1)}`;
  const failure = finding.firstFailure
    ? `; from LR ${finding.firstFailure.lr}, ${finding.firstFailure.seeds} of ${finding.firstFailure.of} seeds stall or diverge`
    : '; no seed stalls or diverges at any rate';
  return `${name} is best at LR ${finding.best.lr} (${pct(finding.best.accuracy)}) and ${trains}${failure}.`;
}

export function StepSizeTakeaway() {
  return (
    <aside className="takeaway">
      <p>
        <strong>What you should see:</strong> all three networks train at small rates. As the rate
        grows, the plain network is the first to fail, while the normalized ones keep their accuracy
        over a wider band of rates.
      </p>
      <Measured
        ids={['step-size']}
        render={(refs) => {
          const reference = refs['step-size'];
          if (!reference) return null;
          return (
            <p data-testid="step-size-measured">
              <strong>What we measured</strong> (final test accuracy, mean of{' '}
              {reference.runs[0]?.seeds.length ?? 0} seeds, {reference.settings.steps} steps):{' '}
              {stepSizeFindings(reference).map(describe).join(' ')}
            </p>
          );
        }}
      />
    </aside>
  );
}
