/** Light or dark: the system's choice until the user picks one, remembered in localStorage. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** Key of the remembered theme in localStorage. */
const THEME_KEY = 'bnlab.theme.v1';

export function loadTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Put the theme on <html data-theme> (CSS picks the colours) and remember it. */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // Storage blocked: the choice lasts for this visit only.
  }
}
