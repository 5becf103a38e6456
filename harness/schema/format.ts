import { truncate } from '../text/truncate';
import { REDACTED, type SchemaError } from './schemas';

const VALUE_LIMIT = 200;
const BODY_LIMIT = 500;

/** Each violation as `instancePath (keyword): message` with its value, then the status and body start. */
export function formatSchemaErrors(
  errors: readonly SchemaError[],
  status: number,
  bodyText: string,
): string {
  const lines = errors.map(
    (error) =>
      `  ${error.instancePath || '(root)'} (${error.keyword}): ${error.message}\n` +
      `    value: ${truncate(json(error.value), VALUE_LIMIT, true)}`,
  );
  const violations = errors.length ? [`Schema violations (${errors.length}):`, ...lines] : [];
  const body = bodyText.length
    ? truncate(redactForbidden(bodyText, errors), BODY_LIMIT, true)
    : '(empty)';
  return [...violations, `Status: ${status}`, `Body: ${body}`].join('\n');
}

function json(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

/** A forbidden property (client_secret) may hold a secret: its string value leaves the body text. */
function redactForbidden(bodyText: string, errors: readonly SchemaError[]): string {
  let text = bodyText;
  for (const { instancePath, value } of errors) {
    if (value !== REDACTED) continue;
    const property = JSON.stringify(
      instancePath.split('/').at(-1)?.replace(/~1/g, '/').replace(/~0/g, '~'),
    );
    const member = new RegExp(`(${escapeRegExp(property)}\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'g');
    text = text.replace(member, `$1"${REDACTED}"`);
  }
  return text;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
