/**
 * What a run of the suite writes into Playwright's config metadata, which the JSON report
 * and each shard's blob keep (merge-reports spreads the shards' metadata into one): that
 * the suite wrote it, whether it only listed the tests, and which shard of how many each
 * part is. The gate (scripts/lib/gate/trust.ts) judges no report that lacks any of them.
 */
export const SUITE_MARK = 'polytomic-conformance';
/** One key per shard, so the merged metadata names every shard that reported. */
export const SHARD_MARK = `${SUITE_MARK} shard`;

export type RunKind = 'run' | 'list';

export function runMetadata(argv: readonly string[] = process.argv): Record<string, string> {
  const kind: RunKind = argv.includes('--list') ? 'list' : 'run';
  const shard = shardOf(argv);
  return {
    [SUITE_MARK]: kind,
    ...(shard ? { [`${SHARD_MARK} ${shard.current}`]: `${shard.current}/${shard.total}` } : {}),
  };
}

function shardOf(argv: readonly string[]): { current: number; total: number } | undefined {
  let value: string | undefined;
  argv.forEach((arg, index) => {
    if (arg === '--shard') value = argv[index + 1];
    else if (arg.startsWith('--shard=')) value = arg.slice('--shard='.length);
  });
  const match = /^(\d+)\/(\d+)$/.exec(value ?? '');
  return match ? { current: Number(match[1]), total: Number(match[2]) } : undefined;
}
