// `npm run schema`: writes docs/*.schema.json from the zod schemas. A unit test fails when they are stale.
import { writeFileSync } from 'node:fs';
import { releaseFileJsonSchema, workspaceFileJsonSchema } from '../src-shared/release/json-schema';

writeFileSync('docs/release.schema.json', `${JSON.stringify(releaseFileJsonSchema(), null, 2)}\n`);
writeFileSync('docs/workspace.schema.json', `${JSON.stringify(workspaceFileJsonSchema(), null, 2)}\n`);
console.log('Wrote docs/release.schema.json and docs/workspace.schema.json');
