/**
 * `npm run reproduce`: the paper's four claims checked against reference results (by default the
 * shipped public/references/*.json that the article draws; `npm run references -- --out <dir>`
 * trains a fresh set), per seed with a stated tolerance and at each learning rate trained
 * (src/experiments/findings.ts). Prints the verdicts, writes them to bench-results/reproduce.json,
 * and with --write puts the printout into docs/reproduction.md and one line per claim into the
 * README (their generated blocks).
 * Usage: npm run reproduce [-- --from public/references --write]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  checkClaims,
  checkShippedClaims,
  formatClaims,
  formatVerdicts,
} from '../src/experiments/findings.ts';
import { SHIPPED_DATASETS, DEFAULT_DATASET } from '../src/shared/datasets.ts';
import { REFERENCE_FOLDER } from '../src/shared/reference.ts';
import { loadReferences } from './loadReferences.ts';
import {
  replaceGeneratedBlock,
  reproduceBlock,
  reproduceBlockOn,
  REPRODUCE_BLOCK,
  REPRODUCTION_DOC,
  VERDICTS_BLOCK,
} from './generatedBlock.ts';

const { values: args } = parseArgs({
  options: {
    /** Folder of the reference files. */
    from: { type: 'string', default: join('public', REFERENCE_FOLDER) },
    /** Also write the printout into docs/reproduction.md and the verdicts into README.md. */
    write: { type: 'boolean', default: false },
  },
});

const refs = loadReferences(args.from);
const claims = checkClaims(refs);
const text = formatClaims(claims, refs);
console.log(text);
// Other datasets: the claims their shipped references allow (each its own block in the doc).
const others = SHIPPED_DATASETS.filter((d) => d !== DEFAULT_DATASET).flatMap((dataset) => {
  const theirs = loadReferences(args.from, dataset);
  const checked = checkShippedClaims(theirs);
  return checked.length > 0 ? [{ dataset, text: formatClaims(checked, theirs) }] : [];
});
for (const other of others) console.log(`\n${other.text}`);
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/reproduce.json', JSON.stringify({ from: args.from, claims }, null, 2));
if (args.write) {
  let doc = replaceGeneratedBlock(
    readFileSync(REPRODUCTION_DOC, 'utf8'),
    REPRODUCE_BLOCK,
    reproduceBlock(text),
  );
  for (const other of others) {
    doc = replaceGeneratedBlock(doc, reproduceBlockOn(other.dataset), reproduceBlock(other.text));
  }
  writeFileSync(REPRODUCTION_DOC, doc);
  const readme = readFileSync('README.md', 'utf8');
  writeFileSync('README.md', replaceGeneratedBlock(readme, VERDICTS_BLOCK, formatVerdicts(claims)));
  console.error(`reproduce: ${REPRODUCTION_DOC} and README.md updated`);
}
