import { test } from '@playwright/test';
import * as allure from 'allure-js-commons';
import {
  type EndpointRow,
  endpoint,
  endpointsFor,
  label,
  type Operation,
} from '../contract/endpoints';
import { RULES, type RuleName } from '../contract/rules';
import { formatSource } from '../contract/sources';
import { type Api, attachExchange, exchangeSecrets, type SendOptions } from './api';
import { type CheckContext, type Expectation, runChecks, type Violation } from './checks';
import type { HarnessConfig } from './config';
import type { Directory } from './directory';
import type { Exchange } from './exchange-types';
import { formatViolation } from './matchers/toConform';
import { redact } from './redact';
import { pathFor } from './requests';
import { ANNOTATION, recordViolation } from './test-identity';
import type { TestLabels } from './test-labels';

function endpointPath(version: string, operation: Operation): string {
  return endpointsFor(version).find((row) => row.operation === operation)?.path ?? operation;
}

type Judge = (exchange: Exchange, violations: readonly Violation[]) => void;

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
    const rule = RULES[expectation.rule as RuleName];
    const level = expectation.level ?? rule?.level;
    // A path can carry an id the target gave: masked like everything else from it. The why
    // tells apart the exchanges of one test (the 401 variants are all mode `custom`).
    const title = redact(
      `${request.method} ${request.path} · ${request.mode} · ${expectation.why} → ${expectation.statuses.join('|')} [${expectation.rule} · ${level}]`,
    );
    return test.step(
      title,
      async () => {
        const exchange = await this.api.send(request);
        await attachExchange(exchange);
        this.labels.add('check', expectation.rule);
        this.labels.add('authMode', request.mode);
        this.labels.rule(expectation.rule, level, rule ? formatSource(rule.source) : '');
        this.judged += 1;
        const context: CheckContext = {
          expect: expectation,
          defaultVersion: this.config.defaultVersion,
          // The preflight gates the run: a decision there never stops it, strict or not.
          strict: this.config.strict && !expectation.preflight,
          secrets: exchangeSecrets(),
        };
        // Judged once: the same violations go to the report, the annotations and the verdict.
        const violations = runChecks(exchange, context);
        await this.attachViolations(violations);
        this.record(exchange, violations);
        this.judge(exchange, violations);
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
      // The endpoint of the check id: this version's method and path (an update is PATCH
      // or PUT by version), given by the code, never read from the title.
      test.info().annotations.push({ type: ANNOTATION.endpoint, description: label });
    }
    this.labels.add('endpoint', label);
  }

  /**
   * Each departure as data on the test (scripts/results.ts reads them): the check id's
   * parts and the level, never parsed back out of a message. Redacted: `received` quotes
   * the target.
   */
  private record(exchange: Exchange, violations: readonly Violation[]): void {
    const annotations = test.info().annotations;
    const endpoint = `${exchange.request.method} ${exchange.operation ? endpointPath(this.version, exchange.operation) : exchange.request.path}`;
    for (const found of violations)
      recordViolation(found, endpoint, exchange.mode, exchange.response.status);
    const named = exchange.response.headers['x-polytomic-version'];
    if (exchange.version === null && named !== undefined)
      annotations.push({ type: ANNOTATION.defaultServed, description: redact(named.trim()) });
  }

  /**
   * The evidence next to the exchange: violations as JSON, and warnings (unconfirmed
   * expectations: a decision departed from) as text plus a `warning` label, so a passing
   * test with them can be found (the report's "warnings" category) rather than looking clean.
   */
  private async attachViolations(violations: readonly Violation[]): Promise<void> {
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
      'unconfirmed expectations (warnings)',
      redact(warnings.map(formatViolation).join('\n\n')),
      'text/plain',
    );
    for (const warning of warnings) this.labels.add('warning', warning.check);
  }
}
