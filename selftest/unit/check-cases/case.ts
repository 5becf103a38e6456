import type { Level } from '../../../contract/rules';
import type { Expectation } from '../../../harness/checks';
import type { Exchange } from '../../../harness/http/exchange';

/** One exchange and what the spec that sent it expected. */
export interface Sample {
  readonly label: string;
  readonly exchange: Exchange;
  /**
   * The expectation. For a rule check the rule is always the check itself; for a
   * response check it defaults to `auth_accepted` with the exchange's own status,
   * so only the response checks can object.
   */
  readonly expect?: Partial<Expectation>;
  readonly strict?: boolean;
  readonly secrets?: readonly string[];
  /** API keys the run was issued before this exchange (key_shown_once). */
  readonly issuedKeys?: readonly string[];
  /**
   * POLYTOMIC_DEFAULT_VERSION as the run was given it: a version, or `null` for unset
   * (any supported version or the legacy one may serve a header-less request). Default
   * the current version.
   */
  readonly defaultVersion?: string | null;
}

/** An exchange that breaks the check's rule, and what its violation must say. */
export interface BadSample extends Sample {
  /** Text the violation's `received` must contain: what came back. */
  readonly received: string;
  /** Text the violation's `documented` must contain: what the contract says. */
  readonly documented: string;
  /**
   * The level of the part of the rule broken, when it is not the rule's own (a 5xx is
   * safety, a tolerated status a decision, …). Its severity follows: a decision warns
   * unless strict, the others fail.
   */
  readonly level?: Level;
  /** Other checks the same fault fails by design (e.g. a schema that also forbids it). */
  readonly alsoFires?: readonly string[];
}

export interface CheckCase {
  readonly clean: readonly Sample[];
  readonly bad: readonly BadSample[];
}
