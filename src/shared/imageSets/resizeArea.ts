/** Resizing images by area averaging: each output pixel is the mean of the input it covers. */

/** For each of `to` output positions, the input positions it covers and their weights (sum 1). */
export function areaWeights(from: number, to: number): { index: number; weight: number }[][] {
  const scale = from / to;
  return Array.from({ length: to }, (_, out) => {
    const start = out * scale;
    const end = start + scale;
    const taps: { index: number; weight: number }[] = [];
    for (let i = Math.floor(start); i < Math.min(from, Math.ceil(end)); i++) {
      const covered = Math.min(end, i + 1) - Math.max(start, i);
      if (covered > 1e-12) taps.push({ index: i, weight: covered / scale });
    }
    return taps;
  });
}

/**
 * One rows x cols image (levels 0..255, row-major, `channels` values per pixel, interleaved)
 * resized to side x side by area averaging, each channel on its own, rounded to whole levels.
 * Shrinking averages blocks; enlarging repeats pixels (blended at edges).
 */
export function resizeArea(
  pixels: ArrayLike<number>,
  rows: number,
  cols: number,
  side: number,
  channels = 1,
): Uint8Array {
  const down = areaWeights(rows, side);
  const across = areaWeights(cols, side);
  const rowWidth = cols * channels;
  // Rows first: rows x cols -> side x cols, then columns: side x cols -> side x side.
  const halfway = new Float64Array(side * rowWidth);
  down.forEach((taps, r) => {
    for (const { index, weight } of taps) {
      for (let c = 0; c < rowWidth; c++) {
        halfway[r * rowWidth + c] =
          (halfway[r * rowWidth + c] ?? 0) + weight * (pixels[index * rowWidth + c] ?? 0);
      }
    }
  });
  const out = new Uint8Array(side * side * channels);
  for (let r = 0; r < side; r++) {
    across.forEach((taps, c) => {
      for (let k = 0; k < channels; k++) {
        let sum = 0;
        for (const { index, weight } of taps) {
          sum += weight * (halfway[r * rowWidth + index * channels + k] ?? 0);
        }
        out[(r * side + c) * channels + k] = Math.min(255, Math.max(0, Math.round(sum)));
      }
    });
  }
  return out;
}
