// npm run lint:openapi: builds the OpenAPI document from the code and validates it; exit 1 when invalid.
import './node-support';
import { buildOpenApiDocument } from '../shared/openapi/document';
import { lintOpenApi, lintOpenApiStyle } from '../tools/openapi-lint';

const document = buildOpenApiDocument();
const { valid, errors } = await lintOpenApi(document);
if (!valid) {
  console.error('OpenAPI document is invalid:', JSON.stringify(errors, null, 2));
  process.exit(1);
}
const style = await lintOpenApiStyle(document);
if (!style.valid) {
  console.error(`OpenAPI document breaks Redocly's recommended rules:\n${style.problems.join('\n')}`);
  process.exit(1);
}
console.log(
  `OpenAPI ${document.openapi} document is valid and passes Redocly's recommended rules (${Object.keys(document.paths as object).length} paths)`,
);
