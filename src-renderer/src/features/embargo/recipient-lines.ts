import { CopyRecipientSchema, type CopyRecipient } from '../../../../src-shared/embargo/embargo-api';

/**
 * Recipients typed or pasted one a line, "name, outlet, email" (a spreadsheet's tabs work too). The email is
 * recognised by its @ wherever it is; an outlet is optional. Problems name the line.
 */
export function parseRecipientLines(text: string): { recipients: CopyRecipient[]; problems: string[] } {
  const recipients: CopyRecipient[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const parts = line
      .split(/[,\t;]/)
      .map((part) => part.trim())
      .filter(Boolean);
    const email = parts.find((part) => part.includes('@')) ?? '';
    const rest = parts.filter((part) => part !== email);
    const parsed = CopyRecipientSchema.safeParse({
      name: rest[0] ?? '',
      outlet: rest.slice(1).join(', '),
      email,
    });
    if (parsed.success) recipients.push(parsed.data);
    else problems.push(`Line ${index + 1}: ${parsed.error.issues[0]?.message ?? 'not a recipient'}.`);
  });
  return { recipients, problems };
}
