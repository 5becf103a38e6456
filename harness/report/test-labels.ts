import type { Label } from 'allure-js-commons';
import type { RuntimeMessage } from 'allure-js-commons/sdk';
import { ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE } from 'allure-js-commons/sdk/reporter';
import type { Level } from '../../contract/rules';
import { attachText } from './attach';

const SEVERITY: readonly [Level, string][] = [
  ['safety', 'critical'],
  ['documented', 'normal'],
  ['decision', 'minor'],
];

/**
 * A test's Allure labels, sent in one message when the test ends (the `reportLabels` fixture
 * does): every message costs the worker a report step with a stack capture. A label given
 * twice is sent once; for a name Allure shows once (subSuite), the last given wins.
 */
export class TestLabels {
  private readonly given = new Set<string>();
  private pending: Label[] = [];
  private readonly rules = new Map<string, string>();
  private readonly levels = new Set<Level>();

  add(name: string, value: string): void {
    const key = `${name}=${value}`;
    if (this.given.has(key)) return;
    this.given.add(key);
    this.pending.push({ name, value });
  }

  /**
   * A rule the test judged, with its level and source: the test's description lists them,
   * and its Allure severity follows the highest level (safety critical, documented
   * normal, decision minor).
   */
  rule(name: string, level: Level | undefined, source: string): void {
    if (this.rules.has(name)) return;
    this.rules.set(name, `- **${name}** — ${level ?? 'unknown level'} — ${source}`);
    if (level) this.levels.add(level);
  }

  /**
   * One Allure runtime message with the labels and the description (allure.labels() and
   * allure.description() would send one each): the message allure-playwright's runtime
   * sends, as a Playwright attachment of its content type.
   */
  flush(): void {
    const labels = this.pending;
    this.pending = [];
    const severity = SEVERITY.find(([level]) => this.levels.has(level))?.[1];
    if (severity) labels.push({ name: 'severity', value: severity });
    const data: { labels?: Label[]; description?: string } = {};
    if (labels.length > 0) data.labels = labels;
    if (this.rules.size > 0)
      data.description = `Rules judged (rule — level — source):\n\n${[...this.rules.values()].join('\n')}`;
    this.rules.clear();
    if (data.labels === undefined && data.description === undefined) return;
    const message: RuntimeMessage = { type: 'metadata', data };
    // In After Hooks, on no test step: allure-playwright applies a runtime message that came
    // with no "Attach" step when the test ends (harness/report/attach.ts says why none).
    attachText(
      'Allure Metadata (metadata)',
      JSON.stringify(message),
      ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE,
    );
  }
}
