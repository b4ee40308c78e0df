import type { z } from 'zod';
import type { apiContract, ApiOutput } from '../../../src-shared/api/contract';
import type { LatestNewsReleases } from '../library/latest-news-source';
import type { Person } from '../../../src-shared/workflow/workflow';
import type { PdfPrinter } from '../export/pdf-printer';
import type { AuditTrail } from '../review/audit-trail';
import type { WorkspaceStore } from '../workspace/store';
import { createEmbargoRegister, publicRecord } from './embargo-register';
import { createRecipientCopies } from './recipient-copies';

type EmbargoMethod = 'embargo.makeCopies' | 'embargo.register' | 'embargo.trace';

/** The API handlers of recipients' copies and the trace (dispatch.ts spreads them among the others). */
export function embargoHandlers(parts: {
  store: WorkspaceStore;
  audit: AuditTrail;
  printer: () => PdfPrinter;
  now: () => Date;
  person: () => Promise<Person>;
  latestNews?: LatestNewsReleases;
}): {
  [M in EmbargoMethod]: (
    input: z.output<(typeof apiContract)[M]['input']>,
    context: { signal?: AbortSignal },
  ) => Promise<ApiOutput<M>>;
} {
  const copies = createRecipientCopies(parts);
  const register = createEmbargoRegister(parts);
  return {
    'embargo.makeCopies': async (request, { signal }) => copies.make(request, await parts.person(), signal),
    'embargo.register': async ({ id }) => ({ copies: (await register.copies(id)).map(publicRecord) }),
    'embargo.trace': async ({ text }) => register.trace(text),
  };
}
