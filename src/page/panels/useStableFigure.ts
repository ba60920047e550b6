/**
 * The same figure object while what it draws is unchanged: streamed points change a run's series
 * many times a second, but a sweep figure's summaries (a final test accuracy, say) rarely, so the
 * chart (memoized) redraws only when a point, band or mark moves.
 */
import { useState } from 'react';
import { figureKey, type SweepFigure } from '../../experiments/sweep/sweepLines';

export function useStableFigure(figure: SweepFigure): SweepFigure {
  const key = figureKey(figure);
  const [kept, setKept] = useState({ key, figure });
  // React's pattern for state derived from a changed input: update during render, use the new one.
  if (kept.key !== key) {
    setKept({ key, figure });
    return figure;
  }
  return kept.figure;
}
