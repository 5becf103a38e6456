import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type {
  CallExpression,
  Expression,
  Node,
  ObjectLiteralExpression,
  SourceFile,
} from 'typescript/unstable/ast';
import {
  isCallExpression,
  isIdentifier,
  isMethodDeclaration,
  isNoSubstitutionTemplateLiteral,
  isObjectLiteralExpression,
  isParenthesizedExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isStringLiteral,
  isTemplateExpression,
} from 'typescript/unstable/ast/is';
import { API } from 'typescript/unstable/sync';
import type { Method } from '../../../contract/endpoint-row';
import { HTTP_METHODS, type InventoryOperation } from '../../../contract/inventory/operation';
import type { SourceId } from '../../../contract/sources';

/**
 * Every operation a Fern-generated Polytomic SDK calls, read from its resource clients
 * (`api/resources/<resource>/[resources/<sub>/]client/Client.{js,ts}`) with the TypeScript
 * compiler's parser: each `core.fetcher({ url: join(base, <path>), method: "<METHOD>" })`,
 * in the class method around it. The same code reads the compiled 1.18.1 package
 * (`(0, url_join_1.default)(…, \`api/x/${encodeURIComponent(id)}\`)`) and the newest source
 * (`core.url.join(…, \`api/x/${core.url.encodePathParam(id)}\`)`, in a private `__list`
 * behind the public `list`). Anything of another shape stops the extraction, naming the
 * file and the method: a new generator's output must be looked at, not half-read.
 */

/** The resource clients under `root` (a package's folder, or a source tree's `src/`). */
export function clientFiles(root: string): string[] {
  const resources = join(root, 'api', 'resources');
  return readdirSync(resources, { recursive: true, withFileTypes: true })
    .filter(
      (entry) =>
        entry.isFile() &&
        /^Client\.(js|ts)$/.test(entry.name) &&
        entry.parentPath.endsWith(`${sep}client`),
    )
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** `bulkSync/resources/executions/client/Client.js` → `bulkSync.executions`. */
export function resourceOf(root: string, file: string): string {
  const parts = relative(join(root, 'api', 'resources'), file)
    .split(sep)
    .slice(0, -2);
  return parts.filter((_, i) => i % 2 === 0).join('.');
}

/** `orgId` → `org_id`: the contract's parameter names (contract/endpoint-row.ts EndpointPath). */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Reads every resource client of the SDK under `root`, in resource then source order. */
export function extractInventory(root: string, source: SourceId): InventoryOperation[] {
  const files = clientFiles(root);
  if (files.length === 0) throw new Error(`No resource clients under ${root}/api/resources`);
  const operations = withSourceFiles(files, (file, sourceFile) =>
    operationsOf(sourceFile, resourceOf(root, file), source),
  );
  return operations.sort((a, b) =>
    a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0,
  );
}

/**
 * Parses the files with the compiler (one project of these files alone: no imports
 * resolved, nothing type-checked) and hands each parsed file to `read`.
 */
function withSourceFiles<T>(
  files: readonly string[],
  read: (file: string, sourceFile: SourceFile) => T[],
): T[] {
  const dir = mkdtempSync(join(tmpdir(), 'inventory-'));
  const config = join(dir, 'tsconfig.json');
  const compilerOptions = { allowJs: true, noEmit: true, noResolve: true, types: [] };
  writeFileSync(config, JSON.stringify({ compilerOptions, files }));
  const api = new API({ cwd: dir });
  try {
    const project = api.updateSnapshot({ openProjects: [config] }).getProjects()[0];
    if (!project) throw new Error('The TypeScript API opened no project for the SDK clients');
    return files.flatMap((file) => {
      const sourceFile = project.program.getSourceFile(file);
      if (!sourceFile) throw new Error(`The TypeScript API did not parse ${file}`);
      return read(file, sourceFile);
    });
  } finally {
    api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function operationsOf(file: SourceFile, resource: string, source: SourceId): InventoryOperation[] {
  const found: InventoryOperation[] = [];
  const visit = (node: Node, method: string | undefined): void => {
    const inMethod = isMethodDeclaration(node) && isIdentifier(node.name) ? node.name.text : method;
    if (isCallExpression(node) && isFetcher(node)) {
      const where = `${file.fileName}, method ${inMethod ?? '(none)'}`;
      if (!inMethod) throw new Error(`A request outside a class method: ${where}`);
      const args = node.arguments[0];
      if (!args || !isObjectLiteralExpression(args))
        throw new Error(`core.fetcher without an object literal: ${where}`);
      found.push({
        resource,
        // The newest source puts the request in a private `__list` behind the public `list`.
        sdkMethod: inMethod.replace(/^__/, ''),
        method: httpMethod(property(args, 'method', where), where),
        path: pathOf(property(args, 'url', where), where),
        source,
      });
    }
    node.forEachChild((child) => visit(child, inMethod));
  };
  visit(file, undefined);
  return found;
}

function isFetcher(call: CallExpression): boolean {
  const callee = call.expression;
  return (
    isPropertyAccessExpression(callee) &&
    isIdentifier(callee.name) &&
    callee.name.text === 'fetcher' &&
    isIdentifier(callee.expression) &&
    callee.expression.text === 'core'
  );
}

function property(object: ObjectLiteralExpression, name: string, where: string): Expression {
  for (const element of object.properties)
    if (isPropertyAssignment(element) && isIdentifier(element.name) && element.name.text === name)
      return element.initializer;
  throw new Error(`core.fetcher without a \`${name}\`: ${where}`);
}

function httpMethod(value: Expression, where: string): Method {
  const method = isStringLiteral(value) ? value.text : undefined;
  const known = HTTP_METHODS.find((candidate) => candidate === method);
  if (!known)
    throw new Error(`An HTTP method that is not a literal GET/POST/PUT/PATCH/DELETE: ${where}`);
  return known;
}

/** The url is `join(base, <path>)`: its last argument, with `{param}` for each path parameter. */
function pathOf(url: Expression, where: string): string {
  const last = isCallExpression(url) ? url.arguments.at(-1) : undefined;
  if (!last) throw new Error(`A url that is not join(base, path): ${where}`);
  if (isStringLiteral(last) || isNoSubstitutionTemplateLiteral(last)) return `/${last.text}`;
  if (!isTemplateExpression(last))
    throw new Error(`A path that is neither text nor a template: ${where}`);
  const spans = last.templateSpans.map(
    (span) => `{${snakeCase(parameterName(span.expression, where))}}${span.literal.text}`,
  );
  return `/${last.head.text}${spans.join('')}`;
}

/** `encodeURIComponent(id)`, `core.url.encodePathParam(org_id)`: the parameter's name. */
function parameterName(expression: Expression, where: string): string {
  let inner: Node = expression;
  while (isParenthesizedExpression(inner)) inner = inner.expression;
  const argument = isCallExpression(inner) ? inner.arguments[0] : undefined;
  if (argument && isIdentifier(argument)) return argument.text;
  throw new Error(`A path parameter that is not encode(<name>): ${where}`);
}
