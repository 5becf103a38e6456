/**
 * At most `limit` requests in flight from this process: POLYTOMIC_MAX_CONCURRENCY
 * shared out over the workers, so a partner can be gentle with a small install.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

/** Each worker's share of the cap; Playwright's worker count is capped by it too (playwright.config.ts). */
export function perWorkerLimit(maxConcurrency: number | undefined, workers: number): number {
  if (maxConcurrency === undefined) return Number.POSITIVE_INFINITY;
  return Math.max(1, Math.floor(maxConcurrency / Math.max(1, Math.min(workers, maxConcurrency))));
}
