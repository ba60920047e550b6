/** IDX files for the import tests: the format MNIST is distributed in. */

/** An IDX file of unsigned bytes: magic (0, 0, 0x08, `dims.length`), sizes big-endian, `data`. */
export function idxFile(dims: number[], data: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  out.set([0, 0, 0x08, dims.length]);
  const view = new DataView(out.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}
