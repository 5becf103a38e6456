import { test } from '@playwright/test';
import * as allure from 'allure-js-commons';
import { type EndpointRow, endpoint, label, type Operation } from '../contract/endpoints';
import { type Api, attachExchange, exchangeSecrets, type SendOptions } from './api';
import { type CheckContext, type Expectation, runChecks } from './checks';
import type { HarnessConfig } from './config';
import type { Directory } from './directory';
import type { Exchange } from './exchange-types';
import { formatViolation } from './matchers/toConform';
import { redact } from './redact';
import { pathFor } from './requests';
import type { TestLabels } from './test-labels';

type Judge = (exchange: Exchange, context: CheckContext) => void;

/**
 * The report's endpoint group for a test until its first request names one: the
 * endpoint its title starts with ("GET /api/me · partner → 200"), so a test skipped
 * before any request (a mode not configured) still sits under its endpoint.
 */
export function endpointFromTitle(title: string): string {
  const match = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)/.exec(title);
  return match ? `${match[1]} ${match[2]}` : '(no request sent)';
}

/**
 * What specs use: send a request and judge it against the contract, as one
 * report step with the request and response attached. Violations are soft, so
 * one test reports all of them.
 */
export class Conformance {
  private endpointLabelled = false;
  private judged = 0;

  constructor(
    private readonly api: Api,
    readonly config: HarnessConfig,
    readonly directory: Directory,
    private readonly judge: Judge,
    private readonly labels: TestLabels,
  ) {}

  get version(): string {
    return this.api.version;
  }

  /** Exchanges judged so far in this test: a test that judges none asserts nothing. */
  get judgedCount(): number {
    return this.judged;
  }

  async check(request: SendOptions, expectation: Expectation): Promise<Exchange> {
    // A path can carry an id the target gave: masked like everything else from it.
    const title = redact(
      `${request.method} ${request.path} · ${request.mode} → ${expectation.statuses.join('|')} [${expectation.rule}]`,
    );
    return test.step(
      title,
      async () => {
        const exchange = await this.api.send(request);
        await attachExchange(exchange);
        this.labels.add('check', expectation.rule);
        this.labels.add('authMode', request.mode);
        this.judged += 1;
        const context: CheckContext = {
          expect: expectation,
          defaultVersion: this.config.defaultVersion,
          strict: this.config.strict,
          secrets: exchangeSecrets(),
        };
        await this.attachViolations(exchange, context);
        this.judge(exchange, context);
        return exchange;
      },
      { box: true },
    );
  }

  /** Plumbing (setup and cleanup): sent and attached, not judged. */
  async send(request: SendOptions): Promise<Exchange> {
    return test.step(`${request.method} ${request.path} (setup)`, async () => {
      const exchange = await this.api.send(request);
      await attachExchange(exchange);
      return exchange;
    });
  }

  /** This version's row for an operation, and the test labelled with its endpoint. */
  async about(operation: Operation): Promise<EndpointRow> {
    const row = endpoint(this.version, operation);
    await this.endpoint(label(row));
    return row;
  }

  /** A request to one of this version's operations: method and path come from its contract row. */
  to(
    operation: Operation,
    options: Omit<SendOptions, 'method' | 'path' | 'operation'> & { id?: string },
  ): SendOptions {
    const row = endpoint(this.version, operation);
    const { id, ...rest } = options;
    return {
      method: row.method,
      path: id === undefined ? row.path : pathFor(row, id),
      operation,
      ...rest,
    };
  }

  /** Labels the test with the endpoint it is about (Allure's third grouping level). */
  async endpoint(label: string): Promise<void> {
    if (!this.endpointLabelled) {
      this.endpointLabelled = true;
      this.labels.add('subSuite', label);
      this.labels.add('story', label);
    }
    this.labels.add('endpoint', label);
  }

  /**
   * The evidence next to the exchange: violations as JSON, and warnings as text
   * plus a `warning` label, so a passing test with tolerated deviations can be
   * found (the report's "warnings" category) rather than looking clean.
   */
  private async attachViolations(exchange: Exchange, context: CheckContext): Promise<void> {
    const violations = runChecks(exchange, context);
    const failures = violations.filter((violation) => violation.severity === 'error');
    const warnings = violations.filter((violation) => violation.severity === 'warning');
    if (failures.length > 0)
      await allure.attachment(
        'violations',
        redact(JSON.stringify(failures, null, 2)),
        'application/json',
      );
    if (warnings.length === 0) return;
    await allure.attachment(
      'warnings',
      redact(warnings.map(formatViolation).join('\n\n')),
      'text/plain',
    );
    for (const warning of warnings) this.labels.add('warning', warning.check);
  }
}
