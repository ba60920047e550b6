// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { doesBnWork } from '../../../src/experiments/doesBnWork';
import { OKABE_ITO } from '../../../src/experiments/palette';
import { RUN_COLORS } from '../../../src/experiments/runStyles';
import { TURN_MS, UPDATES_PER_TURN } from '../../../src/page/panels/framePacing';
import { chunkOf } from '../support/fakeLab';

import {
  actions,
  button,
  click,
  emit,
  groupRows,
  lab,
  labelled,
  names,
  press,
  row,
  runRows,
  start,
  typeName,
} from './runListFixtures';

/** Real time past the rows' current turn (rows still waiting are served meanwhile), so the next
 * batch starts a turn of its own. */
const nextTurn = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, TURN_MS + 50)));

describe('RunList', () => {
  it('says how to start a run while there are none', () => {
    expect(lab.container.querySelector('caption')?.textContent).toBe('Runs');
    expect(runRows()).toHaveLength(0);
    expect(lab.container.querySelector('.runlist-empty')?.textContent).toBe(
      'No runs yet: configure one in the editor below and press Start, or train a section of the article.',
    );
  });

  it('lists lab and article runs in order with status, progress and no source tag for lab runs', () => {
    start('My CNN');
    act(() =>
      lab.store.getState().launchExperiment('does-bn-work', { ...doesBnWork.defaults, steps: 300 }),
    );
    expect(names()).toEqual([
      'My CNN',
      'CNN, LR 0.1',
      'CNN + BN, LR 0.1',
      'CNN, LR 0.5',
      'CNN + BN, LR 0.5',
    ]);
    expect(lab.container.querySelector('.runlist-empty')).toBeNull();
    const mine = row('My CNN');
    expect(mine.dataset.status).toBe('queued');
    expect(mine.querySelector('.runlist-status')?.textContent).toBe('queued');
    expect(mine.querySelector('[data-testid="lab-run-step"]')?.textContent).toBe('0 / 500');
    expect(mine.querySelector('.runlist-source')).toBeNull();
    expect(actions(mine)).toEqual(['Pause', 'Stop', 'Duplicate', 'Reuse', 'Delete']);
    const article = row('CNN + BN, LR 0.5');
    expect(article.querySelector('.runlist-source')?.textContent).toBe(
      'Does batch normalization work?',
    );
    expect(article.querySelector('[data-testid="lab-run-step"]')?.textContent).toBe('0 / 300');
    // Single runs have no group header.
    expect(groupRows()).toHaveLength(0);
  });

  it('shows progress, speed, ETA, last loss and accuracy, and a diverged run’s message', () => {
    const [id = ''] = start('Fast');
    emit({ type: 'status', runId: id, status: 'running' });
    emit({
      type: 'metrics',
      chunks: [
        chunkOf(id, 'trainLoss', [99, 100], [0.5, 0.25]),
        chunkOf(id, 'testAccuracy', [100], [0.875]),
      ],
      progress: [{ runId: id, step: 100, stepsPerSecond: 20, msPerStep: 40 }],
    });
    const r = row('Fast');
    expect(r.dataset.status).toBe('running');
    expect(r.querySelector('progress')?.value).toBe(100);
    expect(r.querySelector('progress')?.max).toBe(500);
    const cells = Array.from(r.querySelectorAll('td'), (c) => c.textContent);
    // Steps/s over ETA ((500 - 100) / 20 = 20 s), loss, accuracy.
    expect(cells.slice(3, 6)).toEqual(['2020 s', '0.250', '87.5%']);

    emit({ type: 'status', runId: id, status: 'diverged', message: 'loss became NaN at step 101' });
    const after = row('Fast');
    expect(after.dataset.status).toBe('diverged');
    expect(after.querySelector('.runlist-message')?.textContent).toBe(
      'loss became NaN at step 101',
    );
    // No ETA once it stopped training; the last numbers stay.
    expect(Array.from(after.querySelectorAll('td'), (c) => c.textContent).slice(3, 6)).toEqual([
      '–',
      '0.250',
      '87.5%',
    ]);
    expect(actions(after)).toEqual(['Duplicate', 'Reuse', 'Delete']);
  });

  it('changes only the live boxes at a streamed step: the Show box and colour are not touched', async () => {
    const [id = ''] = start('Steady');
    emit({ type: 'status', runId: id, status: 'running' });
    await nextTurn();
    const r = row('Steady');
    const changed: Node[] = [];
    const observer = new MutationObserver((records) => {
      for (const record of records) changed.push(record.target);
    });
    observer.observe(r, { subtree: true, attributes: true, characterData: true, childList: true });
    emit({
      type: 'metrics',
      chunks: [chunkOf(id, 'trainLoss', [10], [0.5])],
      progress: [{ runId: id, step: 10, stepsPerSecond: 20, msPerStep: 50 }],
    });
    observer.takeRecords().forEach((record) => changed.push(record.target));
    observer.disconnect();
    expect(r.querySelector('[data-testid="lab-run-step"]')?.textContent).toBe('10 / 500');
    expect(changed.length).toBeGreaterThan(0);
    // Every change is the row's own data attributes or inside a fixed-size live box (each a
    // relayout boundary), never the Show box, the colour or the table's own cells.
    const outside = changed.filter((node) => {
      const element = node instanceof Element ? node : node.parentElement;
      return element !== r && !element?.closest('.live-text');
    });
    expect(outside).toEqual([]);
    for (const box of r.querySelectorAll<HTMLElement>('.live-text')) {
      expect(box.style.width).toMatch(/ch/);
    }
  });

  it('puts a 3-seed launch under one group row with the mean ± sd of its accuracies', () => {
    const ids = start('BN sweep', 3);
    expect(names()).toEqual(['BN sweep · seed 1', 'BN sweep · seed 2', 'BN sweep · seed 3']);
    const groups = groupRows();
    expect(groups).toHaveLength(1);
    const group = groups[0]!;
    expect(group.querySelector('.runlist-group-name')?.textContent).toBe('BN sweep · 3 seeds');
    expect(group.querySelector('.runlist-group-status')?.textContent).toBe('3 queued');
    const accuracy = () => group.querySelector('[data-testid="lab-group-accuracy"]')?.textContent;
    expect(accuracy()).toBe('–');

    emit({
      type: 'metrics',
      chunks: [
        chunkOf(ids[0]!, 'testAccuracy', [20], [0.9]),
        chunkOf(ids[1]!, 'testAccuracy', [20], [0.94]),
      ],
      progress: [],
    });
    // Two of three reported: their mean 0.92, and how many.
    expect(accuracy()).toBe('92.0% (2/3)');
    emit({
      type: 'metrics',
      chunks: [chunkOf(ids[2]!, 'testAccuracy', [20], [0.92])],
      progress: [],
    });
    // 0.90, 0.94, 0.92: mean 0.92, sd sqrt((0.0004 + 0.0004 + 0) / 3) = 0.0163.
    expect(accuracy()).toBe('92.0 ± 1.6%');
    emit({ type: 'status', runId: ids[1]!, status: 'running' });
    expect(group.querySelector('.runlist-group-status')?.textContent).toBe('2 queued, 1 running');

    // The group's checkbox hides and shows every seed.
    const all = labelled<HTMLInputElement>(group, 'Show all seeds of BN sweep');
    expect(all.checked).toBe(true);
    click(all);
    expect(ids.map((id) => lab.store.getState().runs[id]?.visible)).toEqual([false, false, false]);
    click(labelled(row('BN sweep · seed 2'), 'Show BN sweep · seed 2'));
    expect(all.indeterminate).toBe(true);
    click(all);
    expect(ids.map((id) => lab.store.getState().runs[id]?.visible)).toEqual([true, true, true]);

    // Collapsing hides the seeds' rows, expanding brings them back.
    const toggle = labelled<HTMLButtonElement>(group, 'Seeds of BN sweep');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(runRows()).toHaveLength(0);
    click(toggle);
    expect(runRows()).toHaveLength(3);
  });

  it('keeps groups where their first member sits among single runs', () => {
    start('Alone');
    start('Pair', 2);
    start('Last');
    const rows = Array.from(
      lab.container.querySelectorAll<HTMLTableRowElement>('tbody tr'),
      (r) => r.dataset.run ?? `group ${r.dataset.group}`,
    );
    expect(rows).toEqual(['Alone', 'group Pair', 'Pair · seed 1', 'Pair · seed 2', 'Last']);
  });

  it('renames inline: Enter saves, Escape cancels, and names are text, never HTML', () => {
    const [id = ''] = start('Old name');
    press(typeName('Old name', 'Cancelled name'), 'Escape');
    expect(lab.store.getState().runs[id]?.label).toBe('Old name');
    expect(lab.container.querySelector('.runlist-name-input')).toBeNull();
    expect((document.activeElement as HTMLElement | null)?.title).toBe('Rename');

    press(typeName('Old name', '  New   name '), 'Enter');
    expect(lab.store.getState().runs[id]?.label).toBe('New name');
    expect(names()).toEqual(['New name']);
    expect((document.activeElement as HTMLElement | null)?.title).toBe('Rename');

    const html = '<img src=x onerror=alert(1)>';
    press(typeName('New name', html), 'Enter');
    expect(lab.store.getState().runs[id]?.label).toBe(html);
    expect(row(html).querySelector('.runlist-name')?.textContent).toBe(html);
    expect(lab.container.querySelector('img')).toBeNull();
  });

  it('shows and hides a run with its checkbox', () => {
    const [id = ''] = start('Visible');
    const box = labelled<HTMLInputElement>(row('Visible'), 'Show Visible');
    expect(box.checked).toBe(true);
    click(box);
    expect(lab.store.getState().runs[id]?.visible).toBe(false);
    expect(box.checked).toBe(false);
    click(box);
    expect(lab.store.getState().runs[id]?.visible).toBe(true);
  });

  it('a Show box answers its press at once while rows wait for a turn to take in their numbers', async () => {
    const ids = [...start('Left', 8), ...start('Right', 8)];
    await nextTurn();
    // One batch that changes all 16 rows: 12 take it now, 4 wait for the next turn.
    emit({
      type: 'metrics',
      chunks: [],
      progress: ids.map((runId) => ({ runId, step: 5, stepsPerSecond: 10, msPerStep: 100 })),
    });
    const steps = runRows().map(
      (r) => r.querySelector('[data-testid="lab-run-step"]')?.textContent,
    );
    expect(steps.filter((t) => t === '5 / 500')).toHaveLength(UPDATES_PER_TURN);
    const last = runRows().at(-1);
    if (!last) throw new Error('no rows');
    const box = last.querySelector<HTMLInputElement>('input[type="checkbox"]');
    if (!box) throw new Error('no Show box');
    click(box);
    expect(box.checked).toBe(false);
    expect(lab.store.getState().runs[ids.at(-1) ?? '']?.visible).toBe(false);
  });

  it('a new status shows at once, with its buttons, while the row waits for its turn', async () => {
    const ids = [...start('First', 8), ...start('Last', 8)];
    for (const runId of ids) emit({ type: 'status', runId, status: 'running' });
    await nextTurn();
    // A batch that changes all 16 rows: the last rows wait for a later turn.
    emit({
      type: 'metrics',
      chunks: [],
      progress: ids.map((runId) => ({ runId, step: 7, stepsPerSecond: 10, msPerStep: 100 })),
    });
    const last = runRows().at(-1);
    if (!last) throw new Error('no rows');
    expect(last.querySelector('[data-testid="lab-run-step"]')?.textContent).not.toBe('7 / 500');
    emit({ type: 'status', runId: ids.at(-1) ?? '', status: 'paused' });
    const now = runRows().at(-1);
    if (!now) throw new Error('no rows');
    expect(now.getAttribute('data-status')).toBe('paused');
    expect(actions(now).slice(0, 2)).toEqual(['Resume', 'Stop']);
    // It came with the newest numbers.
    expect(now.querySelector('[data-testid="lab-run-step"]')?.textContent).toBe('7 / 500');
  });

  it('asks before deleting, then removes the row and stops the run', () => {
    const [keep = '', drop = ''] = [...start('Keep'), ...start('Drop')];
    click(button(row('Drop'), 'Delete'));
    expect(actions(row('Drop'))).toEqual([
      'Pause',
      'Stop',
      'Duplicate',
      'Reuse',
      'Confirm delete',
      'Cancel',
    ]);
    expect(document.activeElement?.textContent).toBe('Cancel');
    // Only the clicked row asks.
    expect(actions(row('Keep'))).toContain('Delete');
    click(button(row('Drop'), 'Cancel'));
    expect(actions(row('Drop'))).toContain('Delete');
    expect(lab.store.getState().runs[drop]).toBeDefined();

    click(button(row('Drop'), 'Delete'));
    const before = lab.client.sent.length;
    click(button(row('Drop'), 'Confirm delete'));
    expect(names()).toEqual(['Keep']);
    expect(lab.store.getState().runs[drop]).toBeUndefined();
    expect(lab.store.getState().runs[keep]).toBeDefined();
    expect(lab.client.sent.slice(before)).toEqual([{ type: 'stop', runId: drop }]);
  });

  it('duplicates a run into a new row', () => {
    start('Original');
    const before = lab.client.sent.length;
    click(button(row('Original'), 'Duplicate'));
    expect(names()).toEqual(['Original', 'Original (copy)']);
    expect(row('Original (copy)').dataset.status).toBe('queued');
    expect(lab.client.sent.slice(before).map((c) => c.type)).toEqual(['start']);
  });

  it('sends pause, resume and stop for the clicked run', () => {
    const [, id = ''] = [...start('Other'), ...start('Target')];
    emit({ type: 'status', runId: id, status: 'running' });
    const before = lab.client.sent.length;
    click(button(row('Target'), 'Pause'));
    emit({ type: 'status', runId: id, status: 'paused' });
    expect(actions(row('Target')).slice(0, 2)).toEqual(['Resume', 'Stop']);
    click(button(row('Target'), 'Resume'));
    click(button(row('Target'), 'Stop'));
    expect(lab.client.sent.slice(before)).toEqual([
      { type: 'pause', runId: id },
      { type: 'resume', runId: id },
      { type: 'stop', runId: id },
    ]);
  });

  it('changes a run’s colour from the swatch’s palette', () => {
    // A plain network takes the article's look for plain runs: vermillion, dashed.
    const [id = ''] = start('Painted');
    expect(lab.store.getState().runs[id]?.style.color).toBe(OKABE_ITO.vermillion);
    const swatch = labelled<HTMLButtonElement>(
      row('Painted'),
      'Colour of Painted: vermillion, dashed',
    );
    click(swatch);
    expect(swatch.getAttribute('aria-expanded')).toBe('true');
    const palette = labelled(row('Painted'), 'Colours for Painted');
    // The current colour is pressed and takes focus.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('vermillion');
    expect(palette.querySelectorAll('button')).toHaveLength(RUN_COLORS.length);
    press(palette, 'ArrowRight');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('green');
    click(labelled(palette, 'green'));
    expect(lab.store.getState().runs[id]?.style.color).toBe(OKABE_ITO.green);
    expect(row('Painted').querySelector('[aria-label="Colours for Painted"]')).toBeNull();
    expect(document.activeElement?.getAttribute('aria-label')).toBe(
      'Colour of Painted: green, dashed',
    );

    // Escape closes the palette without a change.
    click(labelled(row('Painted'), 'Colour of Painted: green, dashed'));
    press(labelled(row('Painted'), 'Colours for Painted'), 'Escape');
    expect(row('Painted').querySelector('[aria-label="Colours for Painted"]')).toBeNull();
    expect(lab.store.getState().runs[id]?.style.color).toBe(OKABE_ITO.green);
  });

  it('colours every seed of a group from the group row', () => {
    const ids = start('Trio', 3);
    click(labelled(groupRows()[0]!, 'Colour of all seeds of Trio: vermillion, dashed'));
    click(labelled(groupRows()[0]!, 'green'));
    expect(ids.map((id) => lab.store.getState().runs[id]?.style.color)).toEqual([
      OKABE_ITO.green,
      OKABE_ITO.green,
      OKABE_ITO.green,
    ]);
  });

  it('hands the run id to onEdit', () => {
    const [, id = ''] = [...start('First'), ...start('Second')];
    click(button(row('Second'), 'Reuse'));
    expect(lab.edited).toEqual([id]);
  });
});
