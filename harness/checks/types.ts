import type { Exchange } from '../exchange-types';

/** Check families: the report's categories and the summary's columns. */
export type Family =
  | 'schema'
  | 'version-header'
  | 'auth'
  | 'not-found'
  | 'lifecycle'
  | 'error-body'
  | 'credentials'
  | 'isolation'
  | 'safety';

export const FAMILIES: readonly Family[] = [
  'schema',
  'version-header',
  'auth',
  'not-found',
  'lifecycle',
  'error-body',
  'credentials',
  'isolation',
  'safety',
];

export interface Violation {
  /** The check's name: its id in reports, baselines and config. */
  readonly check: string;
  readonly family: Family;
  readonly severity: 'error' | 'warning';
  readonly received: string;
  readonly documented: string;
  readonly source: string;
}

/** What the contract says about one exchange; set by the spec that sends it. */
export interface Expectation {
  /** The rule check that judges this exchange (status and, for some rules, content). */
  readonly rule: string;
  readonly statuses: readonly number[];
  /** Why these statuses, in a few words: "no Authorization header". */
  readonly why: string;
  /**
   * Judge the rule alone. The preflight gates the whole run, so it stops it only for
   * what it exists to catch (a key of the wrong kind); the response checks of the same
   * endpoints run in every version project, where a general fault is reported in full.
   */
  readonly ruleOnly?: boolean;
  /** Fields `data` must carry (a created or updated organization). */
  readonly organization?: Readonly<Record<string, string | undefined>>;
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

export type CredentialKind = 'partner' | 'organization' | 'system';

export interface CheckContext {
  readonly expect: Expectation;
  /** Version that must have served the response when the request named none. */
  readonly defaultVersion: string;
  readonly strict: boolean;
  /** Values that must never come back (the keys and the Authorization value sent). */
  readonly secrets: readonly string[];
}

export interface Check {
  readonly name: string;
  readonly family: Family;
  /** One line: the rule, as the report shows it. */
  readonly description: string;
  /** Where the rule comes from (CONTRACT.md section). */
  readonly source: string;
  readonly run: (exchange: Exchange, context: CheckContext) => Violation[];
}
