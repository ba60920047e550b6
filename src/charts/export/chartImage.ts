/**
 * Part of the page (a chart's card, a whole panel) as a PNG at twice its CSS size, in the colours
 * of the current theme, without the export controls or the hover readout; and to the clipboard.
 */
import { domToBlob } from 'modern-screenshot';
import { resolveAttributes, themeResolver } from './theme';

/** Pixels per CSS pixel of exported images (sharp on slides and high-density screens). */
export const EXPORT_SCALE = 2;
/** Elements marked with this attribute (written `data-export-ignore=""` in JSX) stay out of every image. */
export const EXPORT_IGNORE_ATTRIBUTE = 'data-export-ignore';
/** Transient parts of a chart that never belong in an image: the hover readout and cursor. */
const TRANSIENT = `[${EXPORT_IGNORE_ATTRIBUTE}], .chart-readout, .chart-cursor`;

/** False for nodes that stay out of the image. */
const keep = (node: Node) => !(node instanceof Element && node.matches(TRANSIENT));

/** `element` as a PNG blob: 2x, theme colours resolved, background the theme's --surface. */
export async function elementToPng(element: HTMLElement): Promise<Blob> {
  const resolve = themeResolver(element);
  const blob = await domToBlob(element, {
    scale: EXPORT_SCALE,
    type: 'image/png',
    backgroundColor: resolve('--surface') || '#ffffff',
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
  if (blob.type !== 'image/png') throw new Error(`the image came out as ${blob.type || 'nothing'}`);
  return blob;
}

/** What copying an image to the clipboard came to. */
export type CopyResult = 'copied' | 'unavailable' | 'refused';

/** Whether this browser can put a PNG on the clipboard at all (secure page, async clipboard API). */
export function canCopyImages(): boolean {
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
