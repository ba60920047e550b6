/**
 * Part of the page (a chart's card, a whole panel) as a PNG at twice its CSS size, in the colours
 * of the current theme, framed by a margin, without the export controls, the data table's toggle
 * or the hover readout; and to the clipboard.
 */
import { domToCanvas } from 'modern-screenshot';
import { resolveAttributes, themeResolver } from './theme';

/** Pixels per CSS pixel of exported images (sharp on slides and high-density screens). */
const EXPORT_SCALE = 2;
/** Elements marked with this attribute (written `data-export-ignore=""` in JSX) stay out of every image. */
const EXPORT_IGNORE_ATTRIBUTE = 'data-export-ignore';
/** Empty border around every exported image, CSS pixels (the drawing never touches the edge). */
const EXPORT_MARGIN = 16;
/** Controls and transient parts that never belong in an image: the hover readout and cursor. */
const TRANSIENT = `[${EXPORT_IGNORE_ATTRIBUTE}], .chart-readout, .chart-cursor`;

/** False for nodes that stay out of the image. */
const keep = (node: Node) => !(node instanceof Element && node.matches(TRANSIENT));

/** `element` as a PNG blob: 2x, theme colours resolved, on the theme's --surface with a margin. */
export async function elementToPng(element: HTMLElement): Promise<Blob> {
  const resolve = themeResolver(element);
  const background = resolve('--surface') || '#ffffff';
  const drawing = await domToCanvas(element, {
    scale: EXPORT_SCALE,
    backgroundColor: background,
    filter: keep,
    // The image is the element alone: its outer margin would shift it inside its own frame.
    style: { margin: '0' },
    // System fonts only: nothing to embed, and no font files fetched for every export.
    font: false,
    // SVG attributes such as stroke="var(--grid)" mean nothing once the page's :root is gone.
    onCloneNode: (clone) => {
      if (clone instanceof Element) resolveAttributes(clone, resolve);
    },
  });
  const blob = await canvasToPng(framed(drawing, background, EXPORT_MARGIN * EXPORT_SCALE));
  if (blob.type !== 'image/png') throw new Error(`the image came out as ${blob.type || 'nothing'}`);
  return blob;
}

/** `drawing` centred on a canvas `margin` pixels larger on every side, filled with `background`. */
function framed(drawing: HTMLCanvasElement, background: string, margin: number): HTMLCanvasElement {
  const frame = document.createElement('canvas');
  frame.width = drawing.width + 2 * margin;
  frame.height = drawing.height + 2 * margin;
  const context = frame.getContext('2d');
  if (!context) throw new Error('this browser gave no 2D canvas to draw the image on');
  context.fillStyle = background;
  context.fillRect(0, 0, frame.width, frame.height);
  context.drawImage(drawing, margin, margin);
  return frame;
}

/** The canvas encoded as PNG. */
function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the image could not be encoded'))),
      'image/png',
    ),
  );
}

/** What copying an image to the clipboard came to. */
export type CopyResult = 'copied' | 'unavailable' | 'refused';

/** Whether this browser can put a PNG on the clipboard at all (secure page, async clipboard API). */
function canCopyImages(): boolean {
  if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write) return false;
  const supports = (ClipboardItem as { supports?: (type: string) => boolean }).supports;
  return supports ? supports('image/png') : true;
}

/**
 * Put `element` as a PNG on the clipboard. The image is handed over as a promise so that the
 * write starts within the click (Safari refuses a write that starts after an await).
 */
export async function copyElementPng(element: HTMLElement): Promise<CopyResult> {
  if (!canCopyImages()) return 'unavailable';
  try {
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': elementToPng(element) })]);
    return 'copied';
  } catch (error) {
    // NotAllowedError: permission refused or no user gesture; anything else: unsupported here.
    return error instanceof DOMException && error.name === 'NotAllowedError'
      ? 'refused'
      : 'unavailable';
  }
}
