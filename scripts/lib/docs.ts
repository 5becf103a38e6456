import { readFileSync } from 'node:fs';
import { ENV_EXAMPLE_HEADER, SECTIONS, type Variable } from '../../harness/config/catalog';

/**
 * .env.example and the README's variables table, written from harness/config/catalog.ts:
 * `npm run docs` writes them, and selftest/unit/docs.spec.ts fails when either differs.
 */
export const TABLE_START =
  '<!-- variables: generated from harness/config/catalog.ts by npm run docs -->';
export const TABLE_END = '<!-- /variables -->';

const RULE_WIDTH = 80;

export function variables(): Variable[] {
  return SECTIONS.flatMap((section) => section.variables);
}

export function envExample(): string {
  const comment = (line: string) => (line === '' ? '#' : `# ${line}`);
  const blocks = SECTIONS.map((section) => {
    const title = `# ── ${section.title} `;
    return [
      title.padEnd(RULE_WIDTH, '─'),
      ...(section.intro ?? []).map(comment),
      ...section.variables.flatMap((variable) => [
        ...variable.comment.map(comment),
        `${variable.set ? '' : '# '}${variable.name}=${variable.example}`,
      ]),
    ].join('\n');
  });
  return `${[ENV_EXAMPLE_HEADER.map(comment).join('\n'), ...blocks].join('\n\n')}\n`;
}

/** A Markdown table with its columns aligned, as the rest of the README's tables are. */
export function variablesTable(): string {
  const rows = [
    ['variable', 'default', 'meaning'],
    ...variables().map((variable) => [`\`${variable.name}\``, variable.default, variable.meaning]),
  ];
  const widths = [0, 1, 2].map((column) =>
    Math.max(...rows.map((row) => [...(row[column] ?? '')].length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - [...cell].length)).join(' | ')} |`;
  const [header, ...body] = rows;
  return [
    line(header ?? []),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...body.map(line),
  ].join('\n');
}

/** The README with its variables table replaced by the generated one. */
export function readmeWithTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new Error(
      `README.md has no ${TABLE_START} … ${TABLE_END} block for the variables table.`,
    );
  return `${readme.slice(0, start + TABLE_START.length)}\n\n${variablesTable()}\n\n${readme.slice(end)}`;
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
