import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import type {
  CallExpression,
  Expression,
  Node,
  ObjectLiteralExpression,
  SourceFile,
} from 'typescript/unstable/ast';
import {
  isBindingElement,
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
  isVariableDeclaration,
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
 *
 * The types come from the method's declaration (the package's `Client.d.ts` beside
 * `Client.js`, or the source's public method): `Promise<Polytomic.X>` or
 * `core.HttpResponsePromise<Polytomic.X>` is the response type (`void`: none), and the
 * type of the JSON body is the `request` parameter's, its `body` member's when the client
 * sends only that (`const { async, body: _body } = request`), or the request's when it
 * takes query fields out first (`const { query, ..._body } = request`: those fields are
 * optional members, and a schema that allows other properties judges the body alike).
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
  const declarationFiles = files.map(declarationsOf).filter((file) => file !== undefined);
  const declared = new Map<string, Map<string, DeclaredTypes>>();
  const operations = withSourceFiles([...files, ...declarationFiles], (file, sourceFile) => {
    if (file.endsWith('.d.ts')) {
      declared.set(file, declaredTypes(sourceFile));
      return [];
    }
    return operationsOf(sourceFile, resourceOf(root, file), source);
  }).map((found) => withTypes(found, declared));
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

/** Where a method's types are declared: `Client.d.ts` beside `Client.js`, or the source itself. */
function declarationsOf(file: string): string | undefined {
  if (!file.endsWith('.js')) return undefined;
  const declarations = file.replace(/\.js$/, '.d.ts');
  return existsSync(declarations) ? declarations : undefined;
}

interface DeclaredTypes {
  readonly response?: string;
  readonly request?: string;
}

/** How a request's body is made from its `request` parameter. */
type BodyOf = 'none' | 'request' | 'body-member' | 'request-less-query';

interface Found {
  readonly operation: InventoryOperation;
  readonly file: string;
  readonly body: BodyOf;
  /** The source's own declarations (a `.ts` client): none for a compiled one. */
  readonly declared?: Map<string, DeclaredTypes>;
}

function operationsOf(file: SourceFile, resource: string, source: SourceId): Found[] {
  const found: Found[] = [];
  const visit = (node: Node, method: string | undefined, around: Node): void => {
    const isMethod = isMethodDeclaration(node) && isIdentifier(node.name);
    const methodNode = isMethod ? node : around;
    const inMethod = isMethod ? node.name.text : method;
    if (isCallExpression(node) && isFetcher(node)) {
      const where = `${file.fileName}, method ${inMethod ?? '(none)'}`;
      if (!inMethod) throw new Error(`A request outside a class method: ${where}`);
      const args = node.arguments[0];
      if (!args || !isObjectLiteralExpression(args))
        throw new Error(`core.fetcher without an object literal: ${where}`);
      found.push({
        operation: {
          resource,
          // The newest source puts the request in a private `__list` behind the public `list`.
          sdkMethod: inMethod.replace(/^__/, ''),
          method: httpMethod(property(args, 'method', where), where),
          path: pathOf(property(args, 'url', where), where),
          source,
        },
        file: file.fileName,
        body: bodyOf(args, methodNode, where),
      });
    }
    node.forEachChild((child) => visit(child, inMethod, methodNode));
  };
  visit(file, undefined, file);
  const declared = file.fileName.endsWith('.ts') ? declaredTypes(file) : undefined;
  return declared ? found.map((one) => ({ ...one, declared })) : found;
}

/** The response and request types of each public method a client file declares. */
function declaredTypes(file: SourceFile): Map<string, DeclaredTypes> {
  const types = new Map<string, DeclaredTypes>();
  const textOf = (node: Node | undefined) =>
    node ? file.text.slice(node.pos, node.end).trim() : undefined;
  const visit = (node: Node): void => {
    if (isMethodDeclaration(node) && isIdentifier(node.name) && !node.name.text.startsWith('_')) {
      const where = `${file.fileName}, method ${node.name.text}`;
      const returned = textOf(node.type)?.match(
        /^(?:Promise|core\.HttpResponsePromise)<(.+)>$/,
      )?.[1];
      const request = node.parameters.find(
        (parameter) => isIdentifier(parameter.name) && parameter.name.text === 'request',
      );
      types.set(node.name.text, {
        response: returned === undefined ? undefined : sdkType(returned, where),
        request: request ? sdkType(textOf(request.type) ?? '', where) : undefined,
      });
    }
    node.forEachChild(visit);
  };
  visit(file);
  return types;
}

/**
 * `Polytomic.bulkSync.CreateScheduleRequest` → `bulkSync.CreateScheduleRequest`; `void` and
 * a type that is not the SDK's (a stand-in's `unknown`) → none; a Polytomic type in any
 * other form (an array, a page of them) must be looked at.
 */
function sdkType(text: string, where: string): string | undefined {
  const name = text.match(/^Polytomic\.([A-Za-z][\w.]*)$/)?.[1];
  if (name) return name;
  if (text.includes('Polytomic.'))
    throw new Error(`A type that is not one Polytomic type: ${text} (${where})`);
  return undefined;
}

/** What the fetcher's `body` is: none, the `request` parameter, or `_body` made from it. */
function bodyOf(args: ObjectLiteralExpression, method: Node, where: string): BodyOf {
  const body = args.properties.find(
    (element) =>
      isPropertyAssignment(element) && isIdentifier(element.name) && element.name.text === 'body',
  );
  if (!body || !isPropertyAssignment(body)) return 'none';
  const value = body.initializer;
  if (isIdentifier(value) && value.text === 'request') return 'request';
  if (!isIdentifier(value) || value.text !== '_body')
    throw new Error(`A body that is neither request nor _body: ${where}`);
  let made: BodyOf | undefined;
  const visit = (node: Node): void => {
    // `const { async, body: _body } = request`, `const { query, ..._body } = request`.
    if (
      isBindingElement(node) &&
      node.name &&
      isIdentifier(node.name) &&
      node.name.text === '_body'
    ) {
      const member = node.propertyName && isIdentifier(node.propertyName) && node.propertyName.text;
      made = node.dotDotDotToken
        ? 'request-less-query'
        : member === 'body'
          ? 'body-member'
          : undefined;
    }
    // The compiled form of the second: `_body = __rest(request, ["query"])`.
    if (
      isVariableDeclaration(node) &&
      isIdentifier(node.name) &&
      node.name.text === '_body' &&
      node.initializer &&
      isCallExpression(node.initializer) &&
      isIdentifier(node.initializer.expression) &&
      node.initializer.expression.text === '__rest'
    )
      made = 'request-less-query';
    node.forEachChild(visit);
  };
  visit(method);
  if (!made) throw new Error(`A _body made otherwise than from request: ${where}`);
  return made;
}

/** The operation with the types its method declares (the compiled client's from its `.d.ts`). */
function withTypes(
  found: Found,
  declaredByFile: ReadonlyMap<string, Map<string, DeclaredTypes>>,
): InventoryOperation {
  const { operation, file, body } = found;
  const declarations = found.declared ?? declaredByFile.get(declarationsOf(file) ?? '');
  const types = declarations?.get(operation.sdkMethod);
  const where = `${file}, method ${operation.sdkMethod}`;
  const requestType =
    body === 'none' || !types?.request
      ? undefined
      : body === 'body-member'
        ? bodyMemberType(dirname(file), types.request, where)
        : types.request;
  return {
    ...operation,
    ...(types?.response ? { responseType: types.response } : {}),
    ...(requestType ? { requestType } : {}),
  };
}

/** The `body` member of a request wrapper, from `requests/<Name>.ts` (or `.d.ts`) beside the client. */
function bodyMemberType(clientDir: string, request: string, where: string): string {
  const name = request.split('.').at(-1) ?? request;
  const file = ['.d.ts', '.ts']
    .map((extension) => join(clientDir, 'requests', `${name}${extension}`))
    .find((candidate) => existsSync(candidate));
  const member = file && readFileSync(file, 'utf8').match(/^\s*body: (Polytomic\.[\w.]+);$/m)?.[1];
  const type = member ? sdkType(member, where) : undefined;
  if (!type) throw new Error(`No \`body: Polytomic.<Type>\` in requests/${name} (${where})`);
  return type;
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
