/**
 * `npm run reproduce`: the paper's four claims checked against reference results (by default the
 * shipped public/references/*.json that the article draws; `npm run references -- --out <dir>`
 * trains a fresh set), per seed with a stated tolerance and at each learning rate trained
 * (src/experiments/findings.ts). Prints the verdicts, writes them to bench-results/reproduce.json,
 * and with --readme replaces the README's generated block with the printout.
 * Usage: npm run reproduce [-- --from public/references --readme]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkClaims, formatClaims } from '../src/experiments/findings.ts';
import { REFERENCE_FOLDER } from '../src/shared/reference.ts';
import { loadReferences } from './loadReferences.ts';
import { replaceGeneratedBlock, reproduceBlock, REPRODUCE_BLOCK } from './generatedBlock.ts';

const { values: args } = parseArgs({
  options: {
    /** Folder of the reference files. */
    from: { type: 'string', default: join('public', REFERENCE_FOLDER) },
    /** Also write the printout into README.md's generated block. */
    readme: { type: 'boolean', default: false },
  },
});

const refs = loadReferences(args.from);
const claims = checkClaims(refs);
const text = formatClaims(claims, refs);
console.log(text);
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/reproduce.json', JSON.stringify({ from: args.from, claims }, null, 2));
if (args.readme) {
  const readme = readFileSync('README.md', 'utf8');
  writeFileSync('README.md', replaceGeneratedBlock(readme, REPRODUCE_BLOCK, reproduceBlock(text)));
  console.error('reproduce: README.md updated');
}
