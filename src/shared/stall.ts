/** When a run counts as stalled: the engine stops it, the sweep figure counts its stalled steps. */

/** Steps over which dead ReLUs are averaged to call a run stalled. */
export const STALL_WINDOW_STEPS = 20;
/**
 * A run has stalled when, averaged over the window, this fraction of some conv block's channels
 * were dead (ReLU zero for the whole batch): with so few live units almost no gradient flows.
 */
export const STALL_DEAD_FRACTION = 0.95;
