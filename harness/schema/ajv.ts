import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * The Ajv the registry uses: strict, every error, formats. `fragments` builds the second
 * one, which compiles parts of a schema on their own for the walk (see compiled.ts).
 * `checked`: the files were checked against the meta-schema earlier in the run.
 */
export function newAjv(fragments: boolean, checked = false): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    // A fragment (a union's branch, an `if`) compiled on its own loses the type its parent
    // gives it, which strictTypes and strictRequired reject; the files are checked strictly,
    // and against the meta-schema, by the first Ajv (compiling that once more costs each worker).
    ...(fragments ? { strictTypes: false, strictRequired: false, validateSchema: false } : {}),
    ...(checked ? { validateSchema: false } : {}),
    allErrors: true,
    verbose: true,
    // `"type": ["string", "null"]` is how an optional string says it may be null.
    allowUnionTypes: true,
  });
  addFormats(ajv);
  // ajv-formats also accepts `urn:uuid:<uuid>`; an organization id goes into a URL path
  // (`/api/organizations/{id}`), so only the plain RFC 4122 form conforms.
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  return ajv;
}
