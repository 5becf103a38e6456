import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { envExample, readmeWithTable, readText } from './lib/docs';

/** `npm run docs`: writes .env.example and the README's variables table from harness/config/catalog.ts. */
const ROOT = path.resolve(__dirname, '..');
const README = path.join(ROOT, 'README.md');

writeFileSync(path.join(ROOT, '.env.example'), envExample());
writeFileSync(README, readmeWithTable(readText(README)));
console.log('Wrote .env.example and the variables table of README.md.');
