/** What the export buttons do: make the file from the page and hand it to the user. */
import { elementToPng } from './chartImage';
import { buildChartSvg, type SvgLegendItem } from './chartSvg';
import { downloadBlob, downloadText } from './download';
import { exportFileName } from './fileName';
import { imageTheme, themeResolver } from './theme';

/** recharts' drawing inside a chart's figure. */
const DRAWING = '.chart-body svg.recharts-surface';

/** `name` with the theme the image is drawn in, so light and dark copies of a chart never clash. */
const themedName = (element: Element, name: string) =>
  `${name}-${imageTheme(themeResolver(element))}`;

/** Download `element` as `bnlab-<name>-<theme>-<date>.png` (2x, theme colours). */
export async function savePng(element: HTMLElement, name: string): Promise<void> {
  downloadBlob(await elementToPng(element), exportFileName(themedName(element, name), 'png'));
}

/** The chart in `figure` as SVG text, or null when nothing is drawn yet. */
function chartSvgText(
  figure: HTMLElement,
  title: string,
  legend: readonly SvgLegendItem[],
): string | null {
  const chart = figure.querySelector<SVGSVGElement>(DRAWING);
  if (!chart) return null;
  return buildChartSvg({
    chart,
    title,
    legend,
    resolve: themeResolver(figure),
    fontFamily: getComputedStyle(figure).fontFamily,
  });
}

/** Download the chart in `figure` as `bnlab-<name>-<theme>-<date>.svg`; false when nothing is drawn. */
export function saveSvg(
  figure: HTMLElement,
  title: string,
  legend: readonly SvgLegendItem[],
  name: string,
): boolean {
  const text = chartSvgText(figure, title, legend);
  if (text === null) return false;
  downloadText(text, 'image/svg+xml', exportFileName(themedName(figure, name), 'svg'));
  return true;
}
