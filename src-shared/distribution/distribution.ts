import { z } from 'zod';

/**
 * The workspace's distribution list (issue 16, item 3): the journalists a release is emailed to (name, outlet,
 * address) and the do-not-contact list, checked before every email draft. Pure: the schemas the API carries and
 * the rule that decides whether a contact may be emailed; storage is src-main/services/distribution/.
 */

export const MAX_CONTACTS = 5000;
export const MAX_DO_NOT_CONTACT = 2000;

/** A plain address: one @, something either side, a dot in the domain, no spaces or angle brackets. */
export function isEmailAddress(text: string): boolean {
  return /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/.test(text) && text.length <= 254;
}

export const ContactInputSchema = z
  .object({
    name: z.string().trim().max(200),
    outlet: z.string().trim().max(200),
    email: z
      .string()
      .trim()
      .max(254)
      .refine(isEmailAddress, 'Give an email address such as news@example.co.uk'),
  })
  .strict();
export type ContactInput = z.infer<typeof ContactInputSchema>;

export const ContactSchema = ContactInputSchema.extend({ id: z.string().min(1).max(100) });
export type Contact = z.infer<typeof ContactSchema>;

export const DoNotContactInputSchema = z
  .object({
    /** An address (jo@example.com), a whole domain (@example.com) or an outlet's name (Kent Echo). */
    value: z.string().trim().min(1, 'Give an address, a domain such as @example.com, or an outlet').max(254),
    reason: z.string().trim().max(500).default(''),
  })
  .strict();

export const DoNotContactSchema = z.object({
  id: z.string().min(1).max(100),
  value: z.string(),
  reason: z.string(),
  addedBy: z.object({ id: z.string(), name: z.string() }),
  at: z.string(),
});
export type DoNotContact = z.infer<typeof DoNotContactSchema>;

export const DistributionListSchema = z.object({
  /** Each contact with the reason it may not be emailed now (a do-not-contact entry), else null. */
  contacts: z.array(ContactSchema.extend({ refusedBecause: z.string().nullable() })),
  doNotContact: z.array(DoNotContactSchema),
  /** Lines of the lists' files that could not be read: left in their files, and said. */
  problems: z.array(z.string()),
});
export type DistributionList = z.infer<typeof DistributionListSchema>;

export const EMAIL_DRAFT_MODES = ['per-recipient', 'bcc'] as const;
export type EmailDraftMode = (typeof EMAIL_DRAFT_MODES)[number];

const fold = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('en-GB');

/** What kind of thing a do-not-contact entry names. */
export function doNotContactKind(value: string): 'address' | 'domain' | 'outlet' {
  const trimmed = value.trim();
  if (/^@[^\s@]+\.[^\s@]+$/.test(trimmed)) return 'domain';
  if (isEmailAddress(trimmed)) return 'address';
  return 'outlet';
}

/**
 * Why `contact` may not be emailed ("on the do-not-contact list: jo@example.com — asked to be removed"), or null.
 * An address matches exactly, a domain every address at it, an outlet by name; all without regard to case.
 */
export function doNotContactReason(
  contact: Pick<Contact, 'email' | 'outlet'>,
  entries: readonly Pick<DoNotContact, 'value' | 'reason'>[],
): string | null {
  const email = fold(contact.email);
  const domain = email.slice(email.lastIndexOf('@'));
  const outlet = fold(contact.outlet);
  for (const entry of entries) {
    const value = fold(entry.value);
    const kind = doNotContactKind(entry.value);
    const matches =
      kind === 'address'
        ? value === email
        : kind === 'domain'
          ? value === domain
          : outlet !== '' && value === outlet;
    if (matches) {
      const why = entry.reason.trim();
      return `on the do-not-contact list (${entry.value.trim()}${why ? `: ${why}` : ''})`;
    }
  }
  return null;
}

// --- what the API carries -----------------------------------------------------------------------------------------

/** The CSV file's text; 2 MB is some 20,000 contacts. */
export const CsvImportRequestSchema = z.object({ text: z.string().max(2 * 1024 * 1024) }).strict();

export const CsvImportOutcomeSchema = z.object({
  list: DistributionListSchema,
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  /** Rows left out, each said by its line ("Row 4: “jo@” is not an email address."). */
  rejected: z.array(z.object({ row: z.number().int().positive(), message: z.string() })),
});

export const EmailDraftsRequestSchema = z
  .object({
    id: z.string().min(1).max(100),
    /** One draft per recipient (To: them), or one draft with everyone in Bcc. */
    mode: z.enum(EMAIL_DRAFT_MODES),
    /** The contacts to write to; absent: the whole distribution list. */
    contactIds: z.array(z.string().min(1).max(100)).max(MAX_CONTACTS).optional(),
    pageSize: z.enum(['A4', 'Letter']).default('A4'),
    confirmEmbargo: z.boolean().default(false),
  })
  .strict();

export const EmailDraftsExtraSchema = z.object({
  drafts: z.array(
    z.object({
      fileName: z.string(),
      dataBase64: z.string(),
      to: z.array(z.string()),
      bcc: z.array(z.string()),
    }),
  ),
  /** Contacts left out because of the do-not-contact list: never in a draft. */
  refused: z.array(ContactSchema.extend({ reason: z.string() })),
});
