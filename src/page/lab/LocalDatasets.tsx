/**
 * Your own images as a dataset: a zip of one folder per class, a CSV file (label, then levels) or
 * an IDX pair (as MNIST is distributed), made the input size and colour chosen, checked and kept
 * in this browser under a name; listed with its size and classes, deletable. A bad file or setting
 * is refused with a message and nothing changes.
 */
import { useId, useRef, useState } from 'react';
import './localDatasets.css';
import { DatasetPreview } from './DatasetPreview';
import { useLab, useLabShallow } from '../store/LabContext';
import { localSplit, MAX_IMPORT_BYTES, shapeLabel } from '../store/localDatasets';
import {
  DEFAULT_INPUT_SHAPE,
  IMAGE_SET_LIMITS,
  INPUT_SIDE_RANGE,
  inputShapeProblem,
  type InputShape,
} from '../../shared/imageSets/imageSet';

/** A count as the list writes it. */
const show = (n: number) => n.toLocaleString('en');

/** Class names shown per dataset, at most (the rest are counted). */
const SHOWN_CLASSES = 6;

export function LocalDatasets() {
  const nameId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [side, setSide] = useState(String(DEFAULT_INPUT_SHAPE.side));
  const [channels, setChannels] = useState<InputShape['channels']>(DEFAULT_INPUT_SHAPE.channels);
  const [status, setStatus] = useState('');
  const datasets = useLabShallow((s) => s.localDatasets);
  const importing = useLab((s) => s.importingDataset);
  const problem = useLab((s) => s.datasetImportProblem);
  const sideProblem = inputShapeProblem({ side: Number(side), channels });
  const importDataset = useLab((s) => s.importDataset);
  const deleteDataset = useLab((s) => s.deleteDataset);
  const notify = useLab((s) => s.notify);

  const read = async (files: File[]) => {
    const big = files.find((f) => f.size > MAX_IMPORT_BYTES);
    if (big) {
      notify(`The dataset was not imported: ${big.name} is over ${MAX_IMPORT_BYTES / 2 ** 20} MB.`);
      return;
    }
    setStatus(`Reading ${files.map((f) => f.name).join(' and ')}…`);
    const read = await Promise.all(
      files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
    );
    const added = await importDataset(name, read, { side: Number(side), channels });
    setStatus(added ? `Imported “${name.trim()}”: choose it as the dataset of a run.` : '');
    if (added) setName('');
  };

  return (
    <section className="local-datasets" aria-labelledby={`${nameId}-title`}>
      <h3 id={`${nameId}-title`}>Your datasets</h3>
      <p className="field-help">
        A zip of one folder per class (PNG, JPEG, GIF, BMP or WebP images), a CSV file (a label,
        then each image’s levels, 0–255 or 0–1, row by row: one grey level per pixel, or red, green
        and blue) or an IDX pair (images and labels, gzipped or not). Images are resized to the
        input size, grey or in colour; {IMAGE_SET_LIMITS.minClasses}–{IMAGE_SET_LIMITS.maxClasses}{' '}
        classes, at least {IMAGE_SET_LIMITS.minPerClass} images each. Kept in this browser only.
      </p>
      <div className="local-dataset-form">
        <div className="field">
          <label className="field-label" htmlFor={nameId}>
            Dataset name
          </label>
          <input
            id={nameId}
            value={name}
            maxLength={40}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. my shapes"
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${nameId}-side`}>
            Input size (px)
          </label>
          <input
            id={`${nameId}-side`}
            type="number"
            min={INPUT_SIDE_RANGE.min}
            max={INPUT_SIDE_RANGE.max}
            step={1}
            value={side}
            onChange={(e) => setSide(e.target.value)}
            aria-invalid={sideProblem ? true : undefined}
            aria-describedby={sideProblem ? `${nameId}-side-error` : undefined}
          />
          {sideProblem && (
            <span id={`${nameId}-side-error`} className="field-error">
              {sideProblem}
            </span>
          )}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${nameId}-colour`}>
            Colour
          </label>
          <select
            id={`${nameId}-colour`}
            value={channels}
            onChange={(e) => setChannels(e.target.value === '3' ? 3 : 1)}
          >
            <option value={1}>Grey</option>
            <option value={3}>Colour (RGB)</option>
          </select>
        </div>
        <input
          ref={input}
          type="file"
          multiple
          className="visually-hidden"
          aria-label="Image files: one zip or CSV, or two IDX files"
          tabIndex={-1}
          data-testid="dataset-file"
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            if (files.length > 0) void read(files);
          }}
        />
        <button
          type="button"
          disabled={importing || name.trim() === '' || sideProblem !== null}
          onClick={() => input.current?.click()}
        >
          Import images…
        </button>
      </div>
      <span
        role="status"
        className={problem && !status ? 'field-error' : 'field-help'}
        data-testid="dataset-status"
      >
        {status ||
          (problem
            ? `Not imported: ${problem}.`
            : name.trim() === ''
              ? 'Name the dataset, then choose its files.'
              : '')}
      </span>
      {datasets.length > 0 && (
        <ul className="local-dataset-list">
          {datasets.map((d) => (
            <li key={d.id} data-testid="local-dataset" data-dataset={d.id}>
              <strong>{d.name}</strong> · {d.count.toLocaleString('en')} images of{' '}
              {shapeLabel(d.shape)} ({d.source}), {d.classNames.length} classes:{' '}
              {d.classNames.slice(0, SHOWN_CLASSES).join(', ')}
              {d.classNames.length > SHOWN_CLASSES
                ? `, +${d.classNames.length - SHOWN_CLASSES} more`
                : ''}
              {` · a run trains on ${show(localSplit(d.count).trainSize)}, tests on ${show(localSplit(d.count).testSize)} `}
              <button
                type="button"
                aria-label={`Delete dataset ${d.name}`}
                onClick={() => {
                  if (window.confirm(`Delete the dataset “${d.name}” from this browser?`)) {
                    void deleteDataset(d.id);
                  }
                }}
              >
                Delete
              </button>
              <DatasetPreview images={d.preview} side={d.shape.side} classNames={d.classNames} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
