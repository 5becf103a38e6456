import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type {
  TestResult as PlaywrightResult,
  Suite,
  TestCase,
  TestStep,
} from '@playwright/test/reporter';
import type { Globals, TestResult, TestResultContainer } from 'allure-js-commons';
import type { Category, EnvironmentInfo } from 'allure-js-commons/sdk';
import { FileSystemWriter, type Writer } from 'allure-js-commons/sdk/reporter';
import { AllureReporter } from 'allure-playwright';
import { type BrokenRules, brokenRules, withBrokenRules } from './broken-rules';

/**
 * allure-playwright writing its results without an fsync per file. Its FileSystemWriter
 * writes each result and attachment to a temporary file, fsyncs it and renames it: about
 * two thousand fsyncs a full run, on the runner's one thread, which every worker's next
 * test waits behind (1–2 s of a 13 s run here). The results are read by `allure generate`
 * on the same machine right after the run, so durability against a power cut buys nothing.
 * And a step's own attachments (pushed onto testInfo.attachments inside it, as the
 * exchanges are: harness/report/attach.ts) placed in their step, as allure-playwright
 * places those of the "Attach" steps testInfo.attach adds. Hook steps with nothing in
 * them are left out of a test's result. Everything else is
 * allure-playwright's own; the files and their names are the same. The configs name it
 * by ALLURE_REPORTER (reporters.ts), which loads none of this.
 */
type Options = ConstructorParameters<typeof AllureReporter>[0];

export class ResultsWriter implements Writer {
  /** For the two files written once a run, in allure's own formats. */
  private readonly fallback: FileSystemWriter;
  /** What broke each failed test, by its Allure uuid, until its result is written. */
  readonly broken = new Map<string, BrokenRules>();

  constructor(private readonly dir: string) {
    this.fallback = new FileSystemWriter({ resultsDir: dir });
  }

  /** Made once, on the first write (a run writes some two thousand files). */
  private made = false;

  private ensureDir(): void {
    if (this.made) return;
    mkdirSync(this.dir, { recursive: true });
    this.made = true;
  }

  private write(name: string, content: string | Buffer): void {
    this.ensureDir();
    writeFileSync(path.join(this.dir, name), content);
  }

  writeResult(result: TestResult): void {
    const broken = this.broken.get(result.uuid);
    this.broken.delete(result.uuid);
    const written = withBrokenRules(withoutEmptyHooks(result), broken);
    this.write(`${result.uuid}-result.json`, JSON.stringify(written));
  }

  writeGroup(result: TestResultContainer): void {
    this.write(`${result.uuid}-container.json`, JSON.stringify(result));
  }

  writeAttachment(name: string, content: Buffer): void {
    this.write(name, content);
  }

  writeAttachmentFromPath(name: string, from: string): void {
    this.ensureDir();
    copyFileSync(from, path.join(this.dir, name));
  }

  writeGlobals(name: string, info: Globals): void {
    this.write(name, JSON.stringify(info));
  }

  writeEnvironmentInfo(info: EnvironmentInfo): void {
    this.fallback.writeEnvironmentInfo(info);
  }

  writeCategoriesDefinitions(categories: Category[]): void {
    this.fallback.writeCategoriesDefinitions(categories);
  }
}

const HOOKS = new Set(['Before Hooks', 'After Hooks']);

/**
 * A test's hook steps with nothing in them left out: the harness's fixtures make no step,
 * so a test's page would open on an empty, passed "Before Hooks" (and, with nothing to
 * clean up, "After Hooks"). One that holds a step or an attachment, or did not pass, stays.
 * allure-playwright prunes the same only with `detail: false`, which also hides every step
 * that is not a test.step: a failed check's expect step, inside its exchange, among them.
 */
export function withoutEmptyHooks(result: TestResult): TestResult {
  const steps = result.steps.filter(
    (step) =>
      !HOOKS.has(step.name ?? '') ||
      step.steps.length > 0 ||
      step.attachments.length > 0 ||
      step.status !== 'passed',
  );
  return steps.length === result.steps.length ? result : { ...result, steps };
}

export default class AllureResultsReporter extends AllureReporter {
  private readonly resultsDir: string;
  private writer?: ResultsWriter;

  constructor(options: Options = {}) {
    super(options);
    this.resultsDir = path.resolve(options.resultsDir ?? 'allure-results');
  }

  override onBegin(suite: Suite): void {
    super.onBegin(suite);
    // allure-playwright makes its runtime, with the default writer, in onBegin.
    const runtime = (this as unknown as { allureRuntime?: { writer?: Writer } }).allureRuntime;
    if (runtime?.writer === undefined)
      throw new Error(
        'allure-playwright no longer keeps its writer where harness/report/allure-reporter.ts expects it; update that file.',
      );
    this.writer = new ResultsWriter(this.resultsDir);
    runtime.writer = this.writer;
  }

  /**
   * The rules that failed the test, for its result (broken-rules.ts), handed to the writer
   * under the test's Allure uuid: allure-playwright writes the result at the end of this.
   */
  override async onTestEnd(test: TestCase, result: PlaywrightResult): Promise<void> {
    const uuids = (this as unknown as { allureResultsUuids?: Map<string, string> })
      .allureResultsUuids;
    if (uuids === undefined)
      throw new Error(
        'allure-playwright no longer keeps its result ids where harness/report/allure-reporter.ts expects them; update that file.',
      );
    const uuid = uuids.get(test.id);
    const broken = brokenRules(test, result);
    if (uuid && broken) this.writer?.broken.set(uuid, broken);
    await super.onTestEnd(test, result);
  }

  /**
   * allure-playwright places an attachment from the "Attach" step testInfo.attach adds;
   * one pushed onto testInfo.attachments comes with none, so it would land on the test,
   * not its step.
   * Each is handed to it as that step, inside its step before the step ends (in a hook's
   * steps too: allure-playwright finds the hook from the step's parents).
   */
  override onStepEnd(test: TestCase, result: PlaywrightResult, step: TestStep): void {
    if (step.category === 'test.step') {
      for (const attachment of step.attachments) {
        const title = `Attach "${attachment.name}"`;
        const attach: TestStep = {
          title,
          titlePath: () => [...step.titlePath(), title],
          category: 'test.attach',
          parent: step,
          startTime: new Date(step.startTime.getTime() + step.duration),
          duration: 0,
          steps: [],
          attachments: [attachment],
          annotations: [],
        };
        super.onStepBegin(test, result, attach);
        super.onStepEnd(test, result, attach);
      }
    }
    super.onStepEnd(test, result, step);
  }
}
