/** Waiting in tests for the charts' redraw turns (one chart per animation frame) to be taken. */
import { act } from 'react';
import { chartsWaiting } from '../../../src/page/charts/redrawTurns';

/** Longest a test waits for every chart to have redrawn, ms. */
const MOST_MS = 2000;
/** A little over one animation frame, ms. */
const FRAME_MS = 20;

/** Let frames pass until no chart waits for its turn (throws after MOST_MS). */
export async function allChartsRedrawn(): Promise<void> {
  for (let waited = 0; chartsWaiting() > 0; waited += FRAME_MS) {
    if (waited > MOST_MS) throw new Error(`${chartsWaiting()} charts still wait to redraw`);
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, FRAME_MS)));
  }
}
