import { describe, expect, it } from 'vitest';
import { imageTheme, resolveCssVars } from '../../../src/page/charts/export/theme';

const THEME: Record<string, string> = { '--grid': '#d9dce2', '--muted': ' #5a606b ' };
const resolve = (name: string) => THEME[name] ?? '';

describe('resolveCssVars', () => {
  it('writes each variable as its value', () => {
    expect(resolveCssVars('var(--grid)', resolve)).toBe('#d9dce2');
    expect(resolveCssVars('stroke: var( --muted ); fill: var(--grid)', resolve)).toBe(
      'stroke: #5a606b; fill: #d9dce2',
    );
  });

  it('uses the fallback of an unset variable, nested ones too, else currentColor', () => {
    expect(resolveCssVars('var(--nope, red)', resolve)).toBe('red');
    expect(resolveCssVars('var(--nope, rgb(1, 2, 3))', resolve)).toBe('rgb(1, 2, 3)');
    expect(resolveCssVars('var(--nope, var(--grid))', resolve)).toBe('#d9dce2');
    expect(resolveCssVars('var(--a, var(--b, blue))', resolve)).toBe('blue');
    expect(resolveCssVars('var(--nope)', resolve)).toBe('currentColor');
  });

  it('leaves text without variables alone', () => {
    expect(resolveCssVars('#123456', resolve)).toBe('#123456');
  });
});

describe('imageTheme', () => {
  const surface = (value: string) => (name: string) => (name === '--surface' ? value : '');
  it("names the theme from the image's background", () => {
    expect(imageTheme(surface('#ffffff'))).toBe('light');
    expect(imageTheme(surface('#1d2026'))).toBe('dark');
    expect(imageTheme(surface('#000'))).toBe('dark');
    // Unset or not a hex colour: the light default.
    expect(imageTheme(surface(''))).toBe('light');
    expect(imageTheme(surface('rgb(0, 0, 0)'))).toBe('light');
  });
});
