/** The image sets one worker holds, by dataset id: what a session looks a run's images up in. */
import { datasetLabel, type DatasetId } from '../../shared/datasets';
import type { ImageDataset } from '../../shared/imageBinary';

/** Decoded datasets by id; a worker adds one when the first run that needs it arrives. */
export type DatasetShelf = ReadonlyMap<DatasetId, ImageDataset>;

/** The images a run trains on; throws a message naming the dataset when the shelf lacks it. */
export function datasetFor(shelf: DatasetShelf, id: DatasetId): ImageDataset {
  const data = shelf.get(id);
  if (!data) throw new Error(`the ${datasetLabel(id)} images are not loaded in this worker`);
  return data;
}
