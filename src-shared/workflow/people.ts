import { z } from 'zod';

/**
 * People, roles and sign-offs: the records the workflow keeps inside release and workspace files. A leaf module
 * (it imports no other part of the model) so that the release schema and the workflow rules can both use it.
 */
export const ROLES = ['writer', 'reviewer', 'approver'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  writer: 'Writer',
  reviewer: 'Reviewer',
  approver: 'Approver',
};

const PersonIdSchema = z.string().min(1).max(100);
const PersonNameSchema = z.string().trim().min(1, 'Give a name').max(200);

/** Who did something, as recorded in signatures, history and the audit trail. */
export const ActorSchema = z.object({ id: PersonIdSchema, name: PersonNameSchema });
export type Actor = z.infer<typeof ActorSchema>;

/** A person of the workspace; one person may hold several roles. */
export const PersonSchema = ActorSchema.extend({ roles: z.array(RoleSchema).max(ROLES.length) });
export type Person = z.infer<typeof PersonSchema>;

/**
 * One step of an approval chain, e.g. { label: 'Legal', role: 'reviewer' }. The type allows any role because the
 * chain is data; the schema refuses a writer step, since writers hand text over by submitting it, and `decide`
 * refuses to sign such a step should one arrive unparsed.
 */
export interface ApprovalStep {
  label: string;
  role: Role;
}
export const ApprovalStepSchema = z.object({
  label: z.string().trim().min(1, 'Name the step, for example Legal').max(100),
  role: RoleSchema.refine(
    (role) => role !== 'writer',
    'A sign-off step needs a reviewer or an approver: writers submit, they do not sign off.',
  ),
});

/** An empty chain in the settings means this: one sign-off by an approver. */
export const DEFAULT_APPROVAL_STEP: ApprovalStep = { label: 'Approval', role: 'approver' };

export const ContentHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'Not a SHA-256 content hash');

/**
 * One sign-off. It names the step's label as it was when signed, so that the record reads the same after the
 * workspace's chain is edited (as a Detail keeps its label), and the hash of exactly the content signed.
 */
export const ApprovalSignatureSchema = z.object({
  personId: PersonIdSchema,
  personName: PersonNameSchema,
  stepIndex: z.number().int().nonnegative(),
  stepLabel: z.string().max(100),
  at: z.iso.datetime(),
  contentHash: ContentHashSchema,
});
export type ApprovalSignature = z.infer<typeof ApprovalSignatureSchema>;
