/**
 * Where the contract's rules come from: Polytomic's docs, SDKs, clients and
 * Terraform provider, and the RFCs the API is built on. Every rule of
 * contract/rules.ts names one of these ids and the words or file it rests on.
 * Source: docs/CONTRACT.md § Sources.
 */
export const SOURCES = {
  'REF-2023':
    'API reference, 2022-12-12 and 2023-04-25 doc sets (e.g. "Get organization": header Required, "Requires partner key")',
  'REF-2025': 'API reference, 2025-09-18 doc set',
  'GUIDE-VERSIONING': 'Polytomic versioning guide',
  'GUIDE-IDEMPOTENCY': 'Polytomic idempotent requests guide',
  'GUIDE-KEYS': 'Polytomic obtaining API keys guide',
  'SDK-1.18': 'npm polytomic 1.18.1 (and 1.11.2), generated from the 2024-02-08 API definition',
  'SDK-HEAD': 'polytomic-typescript 25.9.2 and polytomic-python (2025-09-18)',
  'GO-2023': 'polytomic-go hand-written client (default version 2023-04-25)',
  'GO-2024': 'polytomic-go v1.16.1 (2024-02-08)',
  TF: "Polytomic's Terraform provider, internal/providerclient/client.go",
  RFC9110: 'RFC 9110, HTTP semantics',
  CONTRACT: 'this contract: no Polytomic source says either way (a decision)',
} as const satisfies Record<string, string>;

export type SourceId = keyof typeof SOURCES;

/** A rule's source: the id, and the quote or file it rests on. */
export interface SourceRef {
  readonly id: SourceId;
  readonly quote: string;
}

export function formatSource(source: SourceRef): string {
  return `${source.id}: ${source.quote}`;
}
