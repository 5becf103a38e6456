import type { Expectation } from '../../../harness/checks';
import type { Exchange } from '../../../harness/exchange-types';

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
}

/** An exchange that breaks the check's rule, and what its violation must say. */
export interface BadSample extends Sample {
  /** Text the violation's `received` must contain: what came back. */
  readonly received: string;
  /** Text the violation's `documented` must contain: what the contract says. */
  readonly documented: string;
  /** Other checks the same fault trips by design (e.g. a schema that also forbids it). */
  readonly alsoFires?: readonly string[];
}

export interface CheckCase {
  readonly clean: readonly Sample[];
  readonly bad: readonly BadSample[];
}
