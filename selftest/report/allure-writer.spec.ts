import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { TestResult, TestResultContainer } from 'allure-js-commons';
import { FileSystemWriter, type Writer } from 'allure-js-commons/sdk/reporter';
import { ResultsWriter } from '../../harness/report/allure-reporter';

/**
 * The suite's Allure writer (no fsync per file) leaves exactly what allure-js-commons'
 * FileSystemWriter leaves for the same calls: the same file names, the same bytes, and no
 * temporary file behind.
 */
function writeAll(writer: Writer, scratch: string): void {
  const result = {
    uuid: 'r-1',
    name: 'a test',
    steps: [],
    attachments: [],
  } as unknown as TestResult;
  const group = { uuid: 'g-1', children: ['r-1'] } as unknown as TestResultContainer;
  writer.writeResult(result);
  writer.writeGroup(group);
  writer.writeAttachment('a-attachment.txt', Buffer.from('request and response'));
  const from = join(scratch, 'source.bin');
  writeFileSync(from, Buffer.from([0, 1, 2, 255]));
  writer.writeAttachmentFromPath('b-attachment.bin', from);
  writer.writeEnvironmentInfo({ 'Target URL': 'http://127.0.0.1', Versions: 'a, b' });
  writer.writeCategoriesDefinitions([{ name: 'unconfirmed expectations' }]);
  writer.writeGlobals('c-globals.json', { attachments: [], errors: [] });
}

function contents(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name)).toString('base64')]),
  );
}

test('the Allure writer leaves the files FileSystemWriter leaves, byte for byte', () => {
  const root = mkdtempSync(join(tmpdir(), 'allure-writer-'));
  try {
    const stock = join(root, 'stock');
    const ours = join(root, 'ours');
    writeAll(new FileSystemWriter({ resultsDir: stock }), root);
    writeAll(new ResultsWriter(ours), root);
    const expected = contents(stock);
    expect(Object.keys(expected).length).toBe(7);
    expect(contents(ours)).toEqual(expected);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
