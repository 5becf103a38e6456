import { spawnSync } from 'node:child_process';
import { CURRENT_VERSION } from '../../../contract/versions';
import { compileSchemas } from '../../../harness/schema/compiled';
import { schemaErrors } from '../../../harness/schema/explain';
import { SCHEMA_NAMES, SCHEMAS_DIR } from '../../../harness/schema/files';

/**
 * The CPU a process spends on `schemas/` before it has judged one body of every schema
 * name of a version: eager (every file checked against the meta-schema and compiled, as
 * the test runner does) or lazy (as a worker does, the runner having checked the files).
 * Each figure is a fresh process, so neither inherits the other's compiled code.
 */
export interface SchemaStartup {
  readonly version: string;
  readonly eagerMs: number;
  readonly lazyMs: number;
}

const CHILD_FLAG = '--schema-startup-child';

export function measureSchemaStartup(version = CURRENT_VERSION, runs = 5): SchemaStartup {
  const median = (checked: boolean) => {
    const figures = Array.from({ length: runs }, () => childCpuMs(version, checked)).sort(
      (a, b) => a - b,
    );
    return figures[Math.floor(figures.length / 2)] as number;
  };
  return { version, eagerMs: median(false), lazyMs: median(true) };
}

function childCpuMs(version: string, checked: boolean): number {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', __filename, CHILD_FLAG, version, String(checked)],
    { encoding: 'utf8' },
  );
  const ms = Number(child.stdout.trim());
  if (child.status !== 0 || !Number.isFinite(ms))
    throw new Error(`schema start-up measurement failed: ${child.stderr.trim()}`);
  return ms;
}

/** In the child: compile and judge one body per schema name, and print the CPU it took. */
function runChild(version: string, checked: boolean): void {
  const start = process.cpuUsage();
  const schemas = compileSchemas(SCHEMAS_DIR, checked);
  for (const name of SCHEMA_NAMES)
    if (schemas.has(version, name)) schemaErrors(schemas, schemas.root(version, name), {});
  const used = process.cpuUsage(start);
  console.log(((used.user + used.system) / 1000).toFixed(1));
}

if (process.argv[2] === CHILD_FLAG) {
  runChild(process.argv[3] as string, process.argv[4] === 'true');
} else if (require.main === module) {
  const { version, eagerMs, lazyMs } = measureSchemaStartup();
  console.log(
    `schemas of ${version}, CPU before one body of each is judged (median of 5 processes): ` +
      `eager ${eagerMs} ms, lazy (a worker) ${lazyMs} ms`,
  );
}
