import { expect, test } from '@playwright/test';
import { parseConfig } from '../../harness/config/env';
import { Limiter, perWorkerLimit } from '../../harness/http/limiter';

test('the limiter never lets more than its limit run at once, and runs everything', async () => {
  const limiter = new Limiter(2);
  let active = 0;
  let peak = 0;
  const done: number[] = [];
  await Promise.all(
    Array.from({ length: 7 }, (_, index) =>
      limiter.run(async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active -= 1;
        done.push(index);
      }),
    ),
  );
  expect(peak).toBe(2);
  expect(done.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
});

test('a failing task frees its place', async () => {
  const limiter = new Limiter(1);
  await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  await expect(limiter.run(async () => 'next')).resolves.toBe('next');
});

test('POLYTOMIC_MAX_CONCURRENCY is shared out over the workers', () => {
  expect(perWorkerLimit(undefined, 4)).toBe(Number.POSITIVE_INFINITY);
  expect(perWorkerLimit(8, 4)).toBe(2);
  expect(perWorkerLimit(2, 4)).toBe(1);
  expect(perWorkerLimit(5, 2)).toBe(2);
  expect(parseConfig({ POLYTOMIC_MAX_CONCURRENCY: '6' }).maxConcurrency).toBe(6);
  expect(parseConfig({}).maxConcurrency).toBeUndefined();
  expect(() => parseConfig({ POLYTOMIC_MAX_CONCURRENCY: '0' })).toThrow(
    /POLYTOMIC_MAX_CONCURRENCY/,
  );
});
