import { parse } from 'csv-parse/sync';
import { ContactInputSchema, type ContactInput } from '../../../src-shared/distribution/distribution';

/**
 * Contacts from a CSV file, as a press office's spreadsheet or mail program exports them. The columns are found by
 * their heading (name, outlet or publication, email or email address; any order, any case, others ignored);
 * without a heading row the columns are name, outlet, email. Every row that cannot be taken is said by its line
 * number, and the good rows still come in.
 */

export const MAX_CSV_BYTES = 2 * 1024 * 1024;

export interface CsvRejection {
  /** The row's line in the file, as a spreadsheet numbers it (the heading is line 1). */
  row: number;
  message: string;
}

export interface CsvContacts {
  contacts: Array<ContactInput & { row: number }>;
  rejected: CsvRejection[];
}

type Column = 'name' | 'outlet' | 'email';

const HEADINGS: Readonly<Record<string, Column>> = {
  name: 'name',
  'full name': 'name',
  contact: 'name',
  journalist: 'name',
  outlet: 'outlet',
  publication: 'outlet',
  organisation: 'outlet',
  organization: 'outlet',
  media: 'outlet',
  email: 'email',
  'e-mail': 'email',
  'email address': 'email',
  'e-mail address': 'email',
  address: 'email',
};

const headingOf = (cell: string) => HEADINGS[cell.trim().toLowerCase().replace(/\s+/g, ' ')];

export function readContactsCsv(text: string): CsvContacts {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      // Excel in some locales writes semicolons.
      delimiter: [',', ';'],
      info: false,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return {
      contacts: [],
      rejected: [
        {
          row: typeof line === 'number' ? line : 1,
          message: `The file could not be read as CSV${typeof line === 'number' ? ` at line ${line}` : ''}: ${
            (error as Error).message.split('\n')[0] ?? ''
          }`,
        },
      ],
    };
  }
  if (rows.length === 0) return { contacts: [], rejected: [{ row: 1, message: 'The file has no rows.' }] };

  const first = rows[0]!;
  const headed = first.some((cell) => headingOf(cell) === 'email');
  const columns: Partial<Record<Column, number>> = {};
  if (headed) {
    first.forEach((cell, index) => {
      const column = headingOf(cell);
      if (column && columns[column] === undefined) columns[column] = index;
    });
  } else {
    Object.assign(columns, { name: 0, outlet: 1, email: 2 });
  }

  const contacts: CsvContacts['contacts'] = [];
  const rejected: CsvRejection[] = [];
  const seen = new Map<string, number>();
  rows.slice(headed ? 1 : 0).forEach((cells, index) => {
    const row = index + (headed ? 2 : 1);
    const cell = (column: Column) => (columns[column] === undefined ? '' : (cells[columns[column]] ?? ''));
    const candidate = { name: cell('name'), outlet: cell('outlet'), email: cell('email') };
    if (!candidate.email) {
      rejected.push({ row, message: `Row ${row}: there is no email address.` });
      return;
    }
    const parsed = ContactInputSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? 'email');
      rejected.push({
        row,
        message:
          field === 'email'
            ? `Row ${row}: “${candidate.email}” is not an email address.`
            : `Row ${row}: the ${field} is too long (200 characters at most).`,
      });
      return;
    }
    const key = parsed.data.email.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      rejected.push({ row, message: `Row ${row}: ${parsed.data.email} is already on row ${earlier}.` });
      return;
    }
    seen.set(key, row);
    contacts.push({ ...parsed.data, row });
  });
  return { contacts, rejected };
}
