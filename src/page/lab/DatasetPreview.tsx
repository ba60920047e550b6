/**
 * A local dataset's first image of each class, drawn at its input size (scaled up, pixels kept
 * square) with its class name under it: what the network will see after the import's resizing.
 */
import { useEffect, useRef } from 'react';
import type { PreviewImage } from '../store/datasetPreview';
import './datasetPreview.css';

/** Side each image is shown at, CSS pixels. */
const SHOWN_SIDE = 40;

function PreviewCanvas({ image, side, name }: { image: PreviewImage; side: number; name: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.putImageData(new ImageData(new Uint8ClampedArray(image.rgba), side, side), 0, 0);
  }, [image, side]);
  return (
    <figure className="dataset-preview-image">
      <canvas
        ref={canvas}
        width={side}
        height={side}
        style={{ width: SHOWN_SIDE, height: SHOWN_SIDE }}
        role="img"
        aria-label={`an image of class ${name}`}
      />
      <figcaption>{name}</figcaption>
    </figure>
  );
}

export function DatasetPreview({
  images,
  side,
  classNames,
}: {
  images: readonly PreviewImage[];
  side: number;
  classNames: readonly string[];
}) {
  return (
    <div className="dataset-preview" data-testid="dataset-preview">
      {images.map((image) => (
        <PreviewCanvas
          key={image.label}
          image={image}
          side={side}
          name={classNames[image.label] ?? String(image.label)}
        />
      ))}
    </div>
  );
}
