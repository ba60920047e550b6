/**
 * Widths of the run table's columns and of the live boxes in them. The table is laid out with
 * `table-layout: fixed`: a column's width never follows its cells, so a new value, status or set of
 * buttons in one row re-lays out neither the other columns nor the rows below it (48 runs ending
 * together re-laid out and repainted the whole page, 40-60 ms a frame). Widths are CSS lengths; `ch`
 * is a digit's width in the table's tabular figures. Pure.
 */

/** A cell's horizontal padding, both sides together, CSS px (see runList.css). */
const CELL_PADDING_PX = 12;
/** The Show box and the colour swatch beside it, CSS px. */
const SHOW_PX = 72;
/** The least width the run's name gets (the rest of the table's width goes to it), ch. */
const NAME_MIN_CH = 20;
/** A setting's value such as "batchnorm" or "0.0015" (a longer one ends in an ellipsis), ch. */
const SETTING_CH = 9;
/** A status such as "completed" or "interrupted", ch. */
const STATUS_CH = 10;
/** The progress bar before the step count, with its gap, CSS px. */
export const PROGRESS_PX = 50;
/** Speed ("1234") and ETA ("1 h 05 min"), ch. */
export const RATE_CH = 5;
export const ETA_CH = 10;
/** A loss: "0.000123", "1.23e+4", ch. */
export const LOSS_CH = 8.5;
/** A run's accuracy, "100.0%", ch. */
export const ACCURACY_CH = 7;
/** A seed group's mean accuracy: "92.0 ± 1.6%", or "92.0% (2/3)" until all seeds report, ch. */
export const GROUP_ACCURACY_CH = 12;
/** An action's icon button (14 px icon, 5 px padding and 1 px border each side), CSS px. */
const ACTION_PX = 26;
/** Gap between two action buttons, CSS px. */
const ACTION_GAP_PX = 3;
/** The most actions a row shows at once (Pause or Resume, Stop or Restart, Duplicate, Reuse, Delete). */
const ACTION_SLOTS = 5;

/** "1234 / 5000": each count as wide as the total, and " / ", ch. */
export const stepCh = (total: number) => 2 * String(total).length + 2.5;

/** A cell `inner` wide plus its padding. */
const cell = (inner: string) => `calc(${inner} + ${CELL_PADDING_PX}px)`;

/** The width of each column but the name's, and the table's least width. */
export interface ColumnWidths {
  show: string;
  setting: string;
  status: string;
  step: string;
  speed: string;
  loss: string;
  accuracy: string;
  actions: string;
  /** Every column at its width and the name at its least: narrower, the table scrolls sideways. */
  tableMin: string;
}

/** Widths for a table with `settingCount` setting columns whose longest run has `maxSteps` steps. */
export function columnWidths(settingCount: number, maxSteps: number): ColumnWidths {
  const widths = {
    show: `${SHOW_PX}px`,
    setting: cell(`${SETTING_CH}ch`),
    status: cell(`${STATUS_CH}ch`),
    step: cell(`${stepCh(maxSteps)}ch + ${PROGRESS_PX}px`),
    speed: cell(`${ETA_CH}ch`),
    loss: cell(`${LOSS_CH}ch`),
    accuracy: cell(`${GROUP_ACCURACY_CH}ch`),
    actions: cell(`${ACTION_SLOTS * ACTION_PX + (ACTION_SLOTS - 1) * ACTION_GAP_PX}px`),
  };
  const parts = [
    widths.show,
    ...Array.from({ length: settingCount }, () => widths.setting),
    widths.status,
    widths.step,
    widths.speed,
    widths.loss,
    widths.accuracy,
    widths.actions,
    cell(`${NAME_MIN_CH}ch`),
  ];
  return { ...widths, tableMin: `calc(${parts.join(' + ')})` };
}
