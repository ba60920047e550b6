/**
 * A chart as a standalone SVG file: recharts' drawing cloned under a title and a legend drawn in
 * SVG, every `var(--x)` written as its colour, sized and namespaced so that it opens anywhere.
 */
import { resolveAttributes, resolveCssVars, type CssVarResolver } from './theme';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Space around the title and legend, px. */
const PAD = 8;
const TITLE_SIZE = 14;
/** Gap between the title's baseline and the first legend row, px. */
const TITLE_GAP = 8;
const LEGEND_SIZE = 12;
const LEGEND_ROW = 18;
/** Legend swatch length and the gaps after it and after each item, px. */
const SWATCH = 22;
const SWATCH_GAP = 6;
const ITEM_GAP = 16;
/** Rough width of one character over the font size (no layout to measure text in a file). */
const CHAR_WIDTH = 0.6;
/** Dash pattern of dashed legend swatches, as in the page's legend. */
const LEGEND_DASH = '5 3';
/** Fallback size of the drawing when it states none, px. */
const DEFAULT_SIZE = { width: 600, height: 240 };
/** Text styles copied from the live drawing (the page sets some through stylesheets). */
const TEXT_STYLES = ['fill', 'font-size', 'font-family', 'font-weight'] as const;

/** One legend entry, as the chart's HTML legend shows it. */
export interface SvgLegendItem {
  label: string;
  color: string;
  dashed?: boolean;
  /** Stroke opacity, 0 to 1 (default 1). */
  opacity?: number;
}

export interface ChartSvgOptions {
  /** recharts' <svg> of the chart; cloned, never changed. */
  chart: SVGSVGElement;
  title: string;
  legend: readonly SvgLegendItem[];
  /** Values of the theme's custom properties (`--surface`, `--muted`, `--text`, ...). */
  resolve: CssVarResolver;
  /** Font of every text, e.g. the page's computed font-family. */
  fontFamily?: string;
}

/** Read a length attribute ("600", "600px"); NaN when absent or not a number. */
const lengthOf = (element: Element, name: string) => parseFloat(element.getAttribute(name) ?? '');

/** The drawing's size: its width/height attributes, else its viewBox, else a default. */
function sizeOf(chart: SVGSVGElement) {
  const box = (chart.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  const width = lengthOf(chart, 'width');
  const height = lengthOf(chart, 'height');
  return {
    width: width > 0 ? width : (box[2] ?? 0) > 0 ? (box[2] ?? 0) : DEFAULT_SIZE.width,
    height: height > 0 ? height : (box[3] ?? 0) > 0 ? (box[3] ?? 0) : DEFAULT_SIZE.height,
  };
}

/** Copy text styles that stylesheets give the live drawing's <text> onto the clone's. */
function copyTextStyles(live: SVGSVGElement, clone: SVGSVGElement) {
  const view = live.ownerDocument.defaultView;
  if (!view) return;
  const liveTexts = live.querySelectorAll('text');
  const cloneTexts = clone.querySelectorAll('text');
  liveTexts.forEach((text, i) => {
    const target = cloneTexts[i];
    if (!target) return;
    const style = view.getComputedStyle(text);
    for (const name of TEXT_STYLES) {
      const value = style.getPropertyValue(name).trim();
      if (value !== '' && !target.hasAttribute(name)) target.setAttribute(name, value);
    }
  });
}

/** Place legend items left to right, wrapping at `width`; the y of each is its row's middle. */
function layoutLegend(legend: readonly SvgLegendItem[], width: number, top: number) {
  let x = PAD;
  let row = 0;
  const placed = legend.map((item) => {
    const itemWidth = SWATCH + SWATCH_GAP + item.label.length * LEGEND_SIZE * CHAR_WIDTH;
    if (x > PAD && x + itemWidth > width - PAD) {
      x = PAD;
      row += 1;
    }
    const at = { item, x, y: top + row * LEGEND_ROW + LEGEND_ROW / 2 };
    x += itemWidth + ITEM_GAP;
    return at;
  });
  return { placed, height: legend.length > 0 ? (row + 1) * LEGEND_ROW : 0 };
}

/** The chart as the text of a standalone SVG file. */
export function buildChartSvg({ chart, title, legend, resolve, fontFamily }: ChartSvgOptions) {
  const doc = chart.ownerDocument;
  const make = <K extends keyof SVGElementTagNameMap>(
    tag: K,
    attributes: Record<string, string | number> = {},
  ) => {
    const element = doc.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attributes))
      element.setAttribute(name, String(value));
    return element;
  };
  const colour = (name: string, fallback: string) => resolve(name).trim() || fallback;
  const background = colour('--surface', '#ffffff');
  const textColour = colour('--text', '#1d1f24');
  const muted = colour('--muted', textColour);

  const { width, height } = sizeOf(chart);
  const titleBaseline = PAD + TITLE_SIZE;
  const legendTop = titleBaseline + TITLE_GAP;
  const { placed, height: legendHeight } = layoutLegend(legend, width, legendTop);
  const chartTop = legendTop + legendHeight + PAD / 2;
  const totalHeight = Math.ceil(chartTop + height + PAD / 2);

  const root = make('svg', {
    width,
    height: totalHeight,
    viewBox: `0 0 ${width} ${totalHeight}`,
    'font-family': fontFamily || 'sans-serif',
  });
  root.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
  const titleElement = make('title');
  titleElement.textContent = title;
  root.append(titleElement);
  root.append(make('rect', { x: 0, y: 0, width, height: totalHeight, fill: background }));

  const heading = make('text', {
    x: PAD,
    y: titleBaseline,
    'font-size': TITLE_SIZE,
    'font-weight': 600,
    fill: muted,
  });
  heading.textContent = title;
  root.append(heading);

  const legendGroup = make('g', { 'font-size': LEGEND_SIZE, fill: textColour });
  for (const { item, x, y } of placed) {
    const entry = make('g');
    const swatch = make('line', {
      x1: x,
      y1: y,
      x2: x + SWATCH,
      y2: y,
      stroke: resolveCssVars(item.color, resolve),
      'stroke-width': 3,
      'stroke-opacity': item.opacity ?? 1,
    });
    if (item.dashed) swatch.setAttribute('stroke-dasharray', LEGEND_DASH);
    const label = make('text', { x: x + SWATCH + SWATCH_GAP, y, 'dominant-baseline': 'central' });
    label.textContent = item.label;
    entry.append(swatch, label);
    legendGroup.append(entry);
  }
  root.append(legendGroup);

  const drawing = chart.cloneNode(true) as SVGSVGElement;
  copyTextStyles(chart, drawing);
  // recharts' empty <title>/<desc> would be read out as the drawing's name; the file has its own.
  for (const empty of drawing.querySelectorAll(':scope > title, :scope > desc'))
    if (!empty.textContent?.trim()) empty.remove();
  // The page sizes the drawing with CSS (width: 100%); the file places it explicitly.
  drawing.removeAttribute('style');
  drawing.removeAttribute('tabindex');
  drawing.setAttribute('x', '0');
  drawing.setAttribute('y', String(chartTop));
  drawing.setAttribute('width', String(width));
  drawing.setAttribute('height', String(height));
  if (!drawing.hasAttribute('viewBox')) drawing.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.append(drawing);

  resolveAttributes(root, resolve);
  const text = new XMLSerializer().serializeToString(root);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`;
}
