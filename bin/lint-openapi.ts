// npm run lint:openapi: builds the OpenAPI document from the code and validates it; exit 1 when invalid.
import './node-support';
import { buildOpenApiDocument } from '../shared/openapi/document';
import { lintOpenApi } from '../shared/openapi/lint';

const document = buildOpenApiDocument();
const { valid, errors } = await lintOpenApi(document);
if (!valid) {
  console.error('OpenAPI document is invalid:', JSON.stringify(errors, null, 2));
  process.exit(1);
}
console.log(`OpenAPI ${document.openapi} document is valid (${Object.keys(document.paths as object).length} paths)`);
