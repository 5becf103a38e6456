import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { TestResult, TestResultContainer } from 'allure-js-commons';
import { FileSystemWriter, type Writer } from 'allure-js-commons/sdk/reporter';
import { ResultsWriter, withoutEmptyHooks } from '../../harness/report/allure-reporter';

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

test('a hook step with nothing in it is left out; one that failed, holds a step or an attachment stays', () => {
  const step = (name: string, status: string, more: object = {}) => ({
    name,
    status,
    steps: [],
    attachments: [],
    ...more,
  });
  const result = {
    uuid: 'r-2',
    name: 'hooks',
    steps: [
      step('Before Hooks', 'passed'),
      step('GET /api/me · partner → 200 [status · documented]', 'passed'),
      step('After Hooks', 'passed', { steps: [step('DELETE /api/organizations/x', 'passed')] }),
    ],
    attachments: [],
  } as unknown as TestResult;
  expect(withoutEmptyHooks(result).steps.map((one) => one.name)).toEqual([
    'GET /api/me · partner → 200 [status · documented]',
    'After Hooks',
  ]);
  for (const kept of [
    step('Before Hooks', 'failed'),
    step('Before Hooks', 'broken'),
    step('Before Hooks', 'passed', { attachments: [{ name: 'a', source: 'a.txt' }] }),
    step('After Hooks', 'passed', { steps: [step('a step', 'passed')] }),
  ]) {
    const one = { ...result, steps: [kept] } as unknown as TestResult;
    expect(withoutEmptyHooks(one).steps).toHaveLength(1);
  }
  // Only hook steps: an empty step of the test's own stays.
  const own = { ...result, steps: [step('a step of its own', 'passed')] } as unknown as TestResult;
  expect(withoutEmptyHooks(own).steps).toHaveLength(1);
});
