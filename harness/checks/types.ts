import type { Family, Level, Rule, RuleName } from '../../contract/rules';
import type { Exchange } from '../http/exchange';

export type { Family } from '../../contract/rules';
export { FAMILIES } from '../../contract/rules';

export interface Violation {
  /** The check's name: its id in reports, baselines and config. */
  readonly check: string;
  readonly family: Family;
  /** The level of the part of the rule broken (a 5xx is safety whatever the rule). */
  readonly level: Level;
  /** A failure, or a warning: a decision departed from ("unconfirmed expectation"), unless strict. */
  readonly severity: 'error' | 'warning';
  readonly received: string;
  readonly documented: string;
  /** The rule's source id and the quote it rests on. */
  readonly source: string;
}

/** What the contract says about one exchange; set by the spec that sends it. */
export interface Expectation {
  /** The rule check that judges this exchange (status and, for some rules, content). */
  readonly rule: RuleName;
  readonly statuses: readonly number[];
  /** Why these statuses, in a few words: "no Authorization header". */
  readonly why: string;
  /**
   * The level of departing from `statuses` here, when it is not the rule's own (e.g.
   * owner_delete_forbidden is documented in 2025-09-18 only, a decision before).
   */
  readonly level?: Level;
  /** Statuses the contract only prefers against: a departure to one of them is a decision. */
  readonly tolerated?: readonly number[];
  /** The level of a 2xx where `statuses` has none, when it differs (e.g. safety for a 401 rule). */
  readonly successLevel?: Level;
  /** The level of particular statuses, when it differs (a 404 before auth tells ids: safety). */
  readonly statusLevels?: Readonly<Record<number, Level>>;
  /**
   * Judge the rule alone. The preflight gates the whole run, so it stops it only for
   * what it exists to catch (a key of the wrong kind); the response checks of the same
   * endpoints run in every version project, where a general fault is reported in full.
   */
  readonly ruleOnly?: boolean;
  /** Judged in the preflight, which gates the run: a decision here never fails, strict or not. */
  readonly preflight?: boolean;
  /**
   * Fields `data` must carry (a created or updated organization): a value, undefined for
   * absent (or null, or ""), or a list of values any of which conforms (a PATCH may keep
   * or clear a field left out).
   */
  readonly organization?: Readonly<Record<string, FieldExpectation>>;
  /** Fields `data` must carry (a created or updated user: its e-mail, role, organization_id). */
  readonly fields?: Readonly<Record<string, FieldExpectation>>;
  /** The one organization a list must hold, and nothing else (an API key's list). */
  readonly listExactly?: string;
  /** Organization ids a list must contain / must not contain / must start with. */
  readonly listIncludes?: readonly string[];
  readonly listExcludes?: readonly string[];
  readonly listFirst?: string;
  /** How many organizations of this name a list must hold. */
  readonly nameCount?: { readonly name: string; readonly count: number };
  /** What `/api/me` must say about the credential. */
  readonly identity?: { readonly kind: CredentialKind; readonly organizationId?: string };
  /** Organizations that existed before the run and must be there, unchanged, after it. */
  readonly unchanged?: readonly Readonly<Record<string, unknown>>[];
  /** Ids a create must not answer with: ones that existed before the run, or another create's. */
  readonly notIds?: readonly string[];
  /** The earlier exchange this one must replay (idempotency). */
  readonly replayOf?: Exchange;
}

/**
 * What /api/me must say a credential is: a partner key, an API key (a user's or an
 * organization's), a deployment key, or a key acting as an organization.
 */
export type FieldExpectation = FieldValue | readonly FieldValue[];

/** A value written: text, or a flag (a webhook's `disabled`); undefined for absent. */
export type FieldValue = string | boolean | undefined;

export type CredentialKind = 'partner' | 'apiKey' | 'userKey' | 'deployment' | 'actingAs';

export interface CheckContext {
  readonly expect: Expectation;
  /**
   * Version that must have served a response when the request named none
   * (POLYTOMIC_DEFAULT_VERSION); undefined = any supported version, or the legacy one.
   */
  readonly defaultVersion: string | undefined;
  readonly strict: boolean;
  /** Values that must never come back (the keys and the Authorization value sent). */
  readonly secrets: readonly string[];
  /** API key values the target issued in this run, each shown once: in its own answer only. */
  readonly issuedKeys?: readonly string[];
}

/** A rule of contract/rules.ts and the code that judges it. */
export interface Check extends Rule {
  readonly name: RuleName;
  readonly run: (exchange: Exchange, context: CheckContext) => Violation[];
}
