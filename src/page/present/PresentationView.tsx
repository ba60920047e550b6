/**
 * Presentation mode: one article section at a time, full screen, in large type with thick lines,
 * driven from the keyboard (or the control bar): next/previous section, train, pause, single step,
 * reset, slow motion, a laser pointer, and `?` for the list of keys.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  ARTICLE_SECTIONS,
  ArticleView,
  SECTION_EXPERIMENTS,
  type SectionId,
} from '../article/ArticleView';
import type { ExperimentSettings } from '../../experiments/types';
import { useLab } from '../store/LabContext';
import { exitFullscreen, toggleFullscreen } from './fullscreen';
import { KeysOverlay } from './KeysOverlay';
import { LaserPointer } from './LaserPointer';
import { presentChartHeight, presentRows } from './presentCharts';
import { useWindowHeight } from './useWindowHeight';
import {
  actionOf,
  describePace,
  nextPace,
  PACES_MS,
  shortcutsOf,
  type PresentAction,
} from './presentKeys';
import { useSectionRuns } from './useSectionRuns';
import './present.css';

/** The sections presented: the article's, without its reference list. */
const PRESENTED_SECTIONS = ARTICLE_SECTIONS.filter((s) => s.id !== 'references');

/** Fields that take every key (typing, arrows): presentation keys wait, except Escape. */
const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
/** Controls that Space activates themselves. */
const ACTIVATED = new Set(['BUTTON', 'SUMMARY', 'A']);

export function PresentationView({
  section,
  onSection,
  onExit,
  onOpenInLab,
}: {
  section: string | null;
  onSection: (id: SectionId) => void;
  onExit: () => void;
  onOpenInLab: (experimentId: string, settings: ExperimentSettings) => void;
}) {
  const index = Math.max(
    0,
    PRESENTED_SECTIONS.findIndex((s) => s.id === section),
  );
  const current = PRESENTED_SECTIONS[index] ?? PRESENTED_SECTIONS[0];
  const id = (current?.id ?? 'mechanics') as SectionId;
  const experiments = SECTION_EXPERIMENTS[id];
  const { togglePause, step, reset } = useSectionRuns(experiments);
  const paceMs = useLab((s) => s.paceMs);
  const setPace = useLab((s) => s.setPace);
  const [help, setHelp] = useState(false);
  const rows = useMemo(() => presentRows(id), [id]);
  // The chart row shown, remembered per section (a new section starts at its first row).
  const [chart, setChart] = useState<{ section: SectionId; index: number }>({
    section: id,
    index: 0,
  });
  const rowIndex = chart.section === id ? Math.min(chart.index, rows.length - 1) : 0;
  const row = rows[rowIndex];
  const windowHeight = useWindowHeight();
  const [laser, setLaser] = useState(false);

  const go = useCallback(
    (delta: number) => {
      const next = PRESENTED_SECTIONS[index + delta];
      if (next) onSection(next.id as SectionId);
    },
    [index, onSection],
  );
  const train = useCallback(() => {
    // The section's own Train buttons: they start what its forms say, as a click would.
    document
      .querySelectorAll<HTMLButtonElement>(`#section-${id} form button[type="submit"]`)
      .forEach((button) => button.click());
  }, [id]);

  const run = useCallback(
    (action: PresentAction) => {
      const actions: Record<PresentAction, () => void> = {
        next: () => go(1),
        previous: () => go(-1),
        nextChart: () =>
          setChart({ section: id, index: Math.min(rows.length - 1, Math.max(0, rowIndex + 1)) }),
        previousChart: () => setChart({ section: id, index: Math.max(0, rowIndex - 1) }),
        train,
        pause: togglePause,
        step,
        reset,
        slower: () => setPace(nextPace(paceMs, 1)),
        faster: () => setPace(nextPace(paceMs, -1)),
        fullscreen: toggleFullscreen,
        laser: () => setLaser((on) => !on),
        help: () => setHelp((on) => !on),
        exit: () => {
          exitFullscreen();
          onExit();
        },
      };
      actions[action]();
    },
    [go, train, togglePause, step, reset, setPace, paceMs, onExit, id, rows, rowIndex],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const action = actionOf(event.key);
      if (!action) return;
      const target = event.target as HTMLElement | null;
      const tag = target?.tagName ?? '';
      const typing = TYPING.has(tag) || target?.isContentEditable === true;
      if (action !== 'exit' && typing) return;
      if (event.key === ' ' && ACTIVATED.has(tag)) return;
      if (action === 'exit' && help) {
        setHelp(false);
      } else {
        run(action);
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run, help]);

  // The page's title names the slide, for screen readers and the window list.
  useEffect(() => {
    document.title = `${current?.title ?? ''} · BatchNorm Lab (presenting)`;
    return () => {
      document.title = 'BatchNorm Lab';
    };
  }, [current]);

  const button = (action: PresentAction, label: string, text: string, disabled = false) => (
    <button
      type="button"
      onClick={() => run(action)}
      aria-keyshortcuts={shortcutsOf(action)}
      title={`${label} (${shortcutsOf(action).replace(' ', ' or ')})`}
      disabled={disabled}
      data-action={action}
    >
      {text}
    </button>
  );
  const hasRuns = experiments.length > 0;
  return (
    <div className="presenting" data-testid="presentation" data-section={id}>
      <p className="present-progress" aria-live="polite">
        Section {index + 1} of {PRESENTED_SECTIONS.length}
        {row && rows.length > 1
          ? ` · charts ${rowIndex + 1} of ${rows.length}: ${row.label} (↑ ↓)`
          : ''}
        {row ? ' · dotted: shipped reference results' : ''} · {describePace(paceMs)}
      </p>
      <ArticleView
        section={null}
        only={id}
        onOpenInLab={onOpenInLab}
        present={
          row && {
            experimentId: row.experimentId,
            row: row.row,
            chartHeight: presentChartHeight(windowHeight),
          }
        }
      />
      <nav className="present-controls" aria-label="Presentation controls">
        {button('previous', 'Previous section', '◀ Previous', index === 0)}
        {button('previousChart', 'Previous chart row', '▲', rowIndex <= 0)}
        {button('nextChart', 'Next chart row', '▼', rowIndex >= rows.length - 1)}
        {button('train', 'Train this section', 'Train', !hasRuns)}
        {button('pause', 'Pause or resume', 'Pause / resume', !hasRuns)}
        {button('step', 'One step', 'Step', !hasRuns)}
        {button('reset', 'Reset', 'Reset', !hasRuns)}
        <label className="present-pace">
          Speed
          <select
            value={paceMs}
            onChange={(e) => setPace(Number(e.currentTarget.value))}
            aria-keyshortcuts="- +"
          >
            {PACES_MS.map((ms) => (
              <option key={ms} value={ms}>
                {describePace(ms)}
              </option>
            ))}
          </select>
        </label>
        {button('next', 'Next section', 'Next ▶', index === PRESENTED_SECTIONS.length - 1)}
        {button('help', 'Keys', '? Keys')}
        {button('exit', 'Leave presentation mode', 'Exit')}
      </nav>
      {help && <KeysOverlay onClose={() => setHelp(false)} />}
      {laser && <LaserPointer />}
    </div>
  );
}
