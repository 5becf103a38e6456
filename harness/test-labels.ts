import * as allure from 'allure-js-commons';

/**
 * A test's Allure labels, sent in one message when the test ends (the `reportLabels` fixture
 * does): every message costs the worker a report step with a stack capture. A label given
 * twice is sent once; for a name Allure shows once (subSuite), the last given wins.
 */
export class TestLabels {
  private readonly given = new Set<string>();
  private pending: allure.Label[] = [];

  add(name: string, value: string): void {
    const key = `${name}=${value}`;
    if (this.given.has(key)) return;
    this.given.add(key);
    this.pending.push({ name, value });
  }

  async flush(): Promise<void> {
    const labels = this.pending;
    this.pending = [];
    if (labels.length > 0) await allure.labels(...labels);
  }
}
