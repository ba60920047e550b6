/**
 * Theme colours for exported images: the charts colour themselves with CSS variables
 * (`var(--grid)`), which mean nothing outside the page, so exports write the computed values.
 */

import { luminance, parseHex } from '../contrast';

/** Looks up a custom property (`--grid`) and returns its value, or '' when it is not set. */
export type CssVarResolver = (name: string) => string;

/** What an unset variable without a fallback becomes. */
const UNSET = 'currentColor';
/** Nested fallbacks resolved at most this deep (`var(--a, var(--b, red))`). */
const MAX_DEPTH = 8;
/** One `var(--name)` or `var(--name, fallback)`; the fallback may hold one level of parentheses. */
const VAR_PATTERN = /var\(\s*(--[\w-]+)\s*(?:,\s*((?:[^()]|\([^()]*\))*))?\)/g;

/** `text` with every `var(--x)` replaced by its value (or its fallback, or `currentColor`). */
export function resolveCssVars(text: string, resolve: CssVarResolver): string {
  let out = text;
  // Innermost first: a fallback holding var(...) is resolved on a later pass.
  for (let depth = 0; depth < MAX_DEPTH && out.includes('var('); depth++) {
    out = out.replace(VAR_PATTERN, (_, name: string, fallback: string | undefined) => {
      const value = resolve(name).trim();
      return value !== '' ? value : (fallback?.trim() ?? UNSET);
    });
  }
  return out;
}

/** Reads custom properties as they apply to `element` (they inherit, so its theme's values). */
export function themeResolver(element: Element): CssVarResolver {
  const style = getComputedStyle(element);
  const cache = new Map<string, string>();
  return (name) => {
    let value = cache.get(name);
    if (value === undefined) {
      value = style.getPropertyValue(name).trim();
      cache.set(name, value);
    }
    return value;
  };
}

/** Replace `var(...)` in every attribute (style included) of `root` and its descendants. */
export function resolveAttributes(root: Element, resolve: CssVarResolver): void {
  for (const element of [root, ...root.querySelectorAll('*')]) {
    for (const attribute of Array.from(element.attributes)) {
      if (attribute.value.includes('var(')) {
        element.setAttribute(attribute.name, resolveCssVars(attribute.value, resolve));
      }
    }
  }
}

/** Surfaces darker than this relative luminance make a dark image (the themes' are 0.01 and 1). */
const DARK_SURFACE_LUMINANCE = 0.5;

/** Which theme an image drawn now comes out in, read from its background (`--surface`). */
export function imageTheme(resolve: CssVarResolver): 'light' | 'dark' {
  const surface = parseHex(resolve('--surface'));
  return surface && luminance(surface) < DARK_SURFACE_LUMINANCE ? 'dark' : 'light';
}
