import { test } from '@playwright/test';
import * as allure from 'allure-js-commons';
import type { HarnessConfig } from '../config/env';
import { redact } from '../secrets/redact';

/**
 * 429 and 503 with Retry-After: the deployment asks for a pause, so the harness
 * waits and sends again — a bounded number of times and for a bounded total
 * wait (POLYTOMIC_RETRY_LIMIT, POLYTOMIC_RETRY_MAX_WAIT_MS) — and says so in
 * the report. Without Retry-After the answer is judged as it is.
 */
const RETRIABLE = new Set([429, 503]);

export interface RetryState {
  attempts: number;
  waitedMs: number;
  notes: string[];
}

export function newRetryState(): RetryState {
  return { attempts: 0, waitedMs: 0, notes: [] };
}

/** How long to wait before the next attempt, or undefined to take this answer. */
export function retryDelay(
  status: number,
  retryAfter: string | undefined,
  state: RetryState,
  config: Pick<HarnessConfig, 'retryLimit' | 'retryMaxWaitMs'>,
  now = Date.now(),
): number | undefined {
  if (!RETRIABLE.has(status) || retryAfter === undefined) return undefined;
  const delay = parseRetryAfter(retryAfter, now);
  // The header is the target's text: masked before it is cut (a key cut short matches nothing).
  const shown = redact(retryAfter).slice(0, 40);
  if (delay === undefined) {
    state.notes.push(`HTTP ${status} with an unreadable Retry-After (${shown})`);
    return undefined;
  }
  if (state.attempts >= config.retryLimit) {
    state.notes.push(
      `HTTP ${status} again; gave up after ${state.attempts} retries (POLYTOMIC_RETRY_LIMIT)`,
    );
    return undefined;
  }
  if (state.waitedMs + delay > config.retryMaxWaitMs) {
    state.notes.push(
      `HTTP ${status} asked for ${delay} ms (Retry-After: ${shown}); not waited, beyond the ${config.retryMaxWaitMs} ms budget (POLYTOMIC_RETRY_MAX_WAIT_MS)`,
    );
    return undefined;
  }
  state.attempts += 1;
  state.waitedMs += delay;
  state.notes.push(`HTTP ${status}, Retry-After: ${shown}; waited ${delay} ms and retried`);
  return delay;
}

/** Seconds, or an HTTP date (RFC 9110 § 10.2.3). */
export function parseRetryAfter(value: string, now = Date.now()): number | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** On the test (annotation, in every report) and its current step (Allure attachment). */
export async function reportRetries(what: string, state: RetryState): Promise<void> {
  if (state.notes.length === 0) return;
  const description = `${what}: ${state.notes.join('; ')}`;
  try {
    test.info().annotations.push({ type: 'rate-limited', description });
    await allure.attachment('retries', description, 'text/plain');
  } catch {
    // Outside a test (worker set-up): nothing to attach to; the answer is still judged.
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
