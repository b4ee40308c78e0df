import { z } from 'zod';
import { ReleaseSchema, WorkspaceFileSchema } from './schema';

/** The JSON Schemas of the two file kinds in a workspace, generated from the zod schemas (never hand-written). */
export function releaseFileJsonSchema(): unknown {
  return {
    ...z.toJSONSchema(ReleaseSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://pressroom.invalid/schemas/release.schema.json',
    title: 'Pressroom release file (releases/<id>.json)',
  };
}

export function workspaceFileJsonSchema(): unknown {
  return {
    ...z.toJSONSchema(WorkspaceFileSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://pressroom.invalid/schemas/workspace.schema.json',
    title: 'Pressroom workspace file (workspace.json)',
  };
}
