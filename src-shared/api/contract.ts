import { z } from 'zod';
import {
  IdSchema,
  OrganisationProfileSchema,
  ReleaseSchema,
  ReleaseSummarySchema,
  ReleaseTypeSchema,
  WorkspaceSettingsSchema,
} from '../release/schema';
import type { Result } from '../result';
import { API_METHOD_NAMES, type ApiMethodName } from './methods';

export { ipcChannel } from './methods';

/**
 * The one API between the renderer and the main side (ARCHITECTURE §3). The Electron preload exposes exactly
 * these methods, the browser host serves exactly these methods, and both parse every input with the schema
 * here before a service sees it. Adding a method = one entry here + one handler in src-main/services/api.
 */
export const FileProblemSchema = z.object({
  /** Path relative to the workspace folder. */
  file: z.string(),
  message: z.string(),
  /** Where the unreadable file was moved so that nothing overwrites it. */
  movedTo: z.string().nullable(),
});
export type FileProblem = z.infer<typeof FileProblemSchema>;

export const WorkspaceDescriptionSchema = z.object({
  path: z.string(),
  profile: OrganisationProfileSchema,
  settings: WorkspaceSettingsSchema,
  problems: z.array(FileProblemSchema),
});
export type WorkspaceDescription = z.infer<typeof WorkspaceDescriptionSchema>;

const Empty = z.object({}).strict();
const ById = z.object({ id: IdSchema }).strict();

export const apiContract = {
  'workspace.describe': { input: Empty, output: WorkspaceDescriptionSchema },
  'releases.list': { input: Empty, output: z.array(ReleaseSummarySchema) },
  'releases.listTrash': { input: Empty, output: z.array(ReleaseSummarySchema) },
  'releases.create': { input: z.object({ type: ReleaseTypeSchema }).strict(), output: ReleaseSchema },
  'releases.get': { input: ById, output: ReleaseSchema },
  /** `release.revision` is the revision the edit was based on; the store answers with the next one. */
  'releases.save': { input: z.object({ release: ReleaseSchema }).strict(), output: ReleaseSchema },
  'releases.delete': { input: ById, output: ById },
  'releases.restore': { input: ById, output: ReleaseSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
export type ApiInput<M extends ApiMethod> = z.input<ApiContract[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<ApiContract[M]['output']>;

export const API_METHODS: readonly ApiMethod[] = API_METHOD_NAMES;

// Compile-time proof that the name list and the table agree in both directions.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _namesMatchTable: Same<ApiMethod, ApiMethodName> = true;
void _namesMatchTable;

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(apiContract, name);
}

/** The shape of the client the renderer sees: one async function per method, never throwing. */
export type PressroomApi = {
  [M in ApiMethod]: (input: ApiInput<M>) => Promise<Result<ApiOutput<M>>>;
};
