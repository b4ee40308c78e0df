import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { textFields } from '../../../src-shared/checks/editorial-checks';
import {
  call,
  createDispatcher,
  createWorkspaceHandlers,
  type ApiDispatcher,
} from '../../../src-main/services/api/dispatch';
import { createMemoryIdentityStore } from '../../../src-main/services/identity';
import type { PdfPrinter } from '../../../src-main/services/export/pdf-printer';
import { protectedFindingsOf } from '../../../src-main/services/privacy-guard';
import { openWorkspace, type WorkspaceStore } from '../../../src-main/services/workspace/store';
import {
  DEFAULT_PROFILE,
  ReleaseSchema,
  type ProtectedPerson,
  type Release,
  type WorkspaceSettings,
} from '../../../src-shared/release/schema';
import type { Person } from '../../../src-shared/workflow/workflow';
import { release as filled } from '../export/fixtures';
import { placeIn, protectedName, variantOf } from '../shared/protected-name-arbitraries';
import { ALL_ROLES, APPROVER, REVIEWER, WRITER, value } from './people';

const JANE: ProtectedPerson = {
  id: 'p-jane',
  name: 'Jane Doe',
  variants: [],
  identifiers: [{ kind: 'school', text: 'Ashford Grammar School' }],
};

const NOW = new Date('2026-11-24T09:00:00Z');
const noPrinter: PdfPrinter = {
  print: () => Promise.reject(new Error('no PDF in these tests')),
  close: () => Promise.resolve(),
};

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

/** One workspace, one session per person; `settings` changes the approval chain. */
async function office(settings: Partial<WorkspaceSettings> = {}) {
  const folder = await mkdtemp(join(tmpdir(), 'pressroom-privacy-'));
  folders.push(folder);
  const store = await openWorkspace(folder);
  if (Object.keys(settings).length > 0) {
    await store.updateSettings({ ...(await store.readSettings()), ...settings });
  }
  const session = (person: Person) =>
    createDispatcher(
      createWorkspaceHandlers(store, {
        identity: createMemoryIdentityStore(person),
        printer: () => noPrinter,
        now: () => NOW,
      }),
    );
  return {
    store,
    writer: session(WRITER),
    reviewer: session(REVIEWER),
    approver: session(APPROVER),
    everyone: session(ALL_ROLES),
  };
}

/** A release written by the writer, naming Jane Doe's surname in the body, submitted for review. */
async function submitted(writer: ApiDispatcher, body = 'Mrs Doe’s neighbour called the police.') {
  const created = await value(call(writer, 'releases.create', { type: 'news-release' }));
  const saved = await value(
    call(writer, 'releases.save', {
      release: {
        ...created,
        headline: 'Officer dismissed after Croydon inquiry',
        standfirst: 'An officer was dismissed on Monday after an inquiry in Croydon.',
        body: [{ id: 'p1', text: body }],
        anonymityList: [JANE],
      },
    }),
  );
  return value(call(writer, 'releases.act', { id: saved.id, revision: saved.revision, action: 'submit' }));
}

const act = (api: ApiDispatcher, release: Release, action: 'approve' | 'submit') =>
  call(api, 'releases.act', { id: release.id, revision: release.revision, action });
const decide = (api: ApiDispatcher, release: Release, reason = 'The family asked for her name to be used.') =>
  call(api, 'privacy.decide', { id: release.id, revision: release.revision, reason });
const latest = (api: ApiDispatcher, release: Release) => value(call(api, 'releases.get', { id: release.id }));
const trail = async (api: ApiDispatcher, release: Release) =>
  (await value(call(api, 'audit.read', { id: release.id }))).entries;

describe('a protected name refuses a sign-off and a final export on the main side', () => {
  it('refuses the sign-off in plain words, naming the form and the person, and records no approval', async () => {
    const { writer, approver } = await office();
    const release = await submitted(writer);
    const refused = await act(approver, release, 'approve');
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'refused',
        details: { privacy: 'protected-person', findings: 1 },
        message: expect.stringContaining(
          "This release cannot be signed off: it names a protected person. “Doe” (a form of Jane Doe's name) " +
            'must not appear: Jane Doe is a protected person.',
        ),
      },
    });
    expect((await latest(writer, release)).status).toBe('in-review');
    expect((await trail(writer, release)).map((e) => e.event)).not.toContain('approved');
  });

  it('refuses a final export of an approved text that names a protected person (approved before the guard knew)', async () => {
    const { store, writer, approver } = await office();
    const release = await forgeApproved(store, filled({ anonymityList: [JANE] }, 'approved'), 'Doe');
    const refused = await call(approver, 'export.release', { id: release.id, format: 'txt' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'refused', details: { privacy: 'protected-person' } },
    });
    expect(!refused.ok && refused.error.message).toMatch(
      /^This release cannot be exported as final: it names/,
    );
    expect((await latest(writer, release)).status).toBe('approved');
    expect((await trail(writer, release)).map((e) => e.event)).not.toContain('exported');
  });

  it('refuses publishing through the workflow action too, not only through an export', async () => {
    const { store, approver } = await office();
    const release = await forgeApproved(store, filled({ anonymityList: [JANE] }, 'approved'), 'Jane Doe');
    expect(
      await call(approver, 'releases.act', { id: release.id, revision: release.revision, action: 'publish' }),
    ).toMatchObject({ ok: false, error: { code: 'refused', details: { privacy: 'protected-person' } } });
  });

  it('refuses even a draft export whose file name would carry the name', async () => {
    const { writer } = await office();
    const created = await value(call(writer, 'releases.create', { type: 'news-release' }));
    const saved = await value(
      call(writer, 'releases.save', {
        release: { ...created, headline: 'Jane Doe speaks out', anonymityList: [JANE] },
      }),
    );
    const refused = await call(writer, 'export.release', { id: saved.id, format: 'txt' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'refused', details: { privacy: 'protected-person' } },
    });
    expect(!refused.ok && refused.error.message).toContain("in the export's file name");
    // Named only in the body, a draft still leaves (marked as such): it is not a publication.
    const body = await value(
      call(writer, 'releases.save', {
        release: {
          ...saved,
          headline: 'Officer speaks out',
          body: [{ id: 'p1', text: 'Jane Doe was there.' }],
        },
      }),
    );
    expect(await call(writer, 'export.release', { id: body.id, format: 'txt' })).toMatchObject({
      ok: true,
      value: { draft: true },
    });
  });
});

describe('a decision to publish anyway', () => {
  it('cannot be recorded by someone who edited the text, nor by a writer', async () => {
    const { writer, everyone } = await office();
    const release = await submitted(everyone);
    expect(await decide(everyone, release)).toMatchObject({
      ok: false,
      error: {
        code: 'refused',
        message: expect.stringMatching(/^You edited this text since it was last approved/),
      },
    });
    expect(await decide(writer, release)).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/^Only a reviewer or an approver/) },
    });
    expect(
      await call(writer, 'privacy.decide', { id: release.id, revision: release.revision, reason: '  ' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((await latest(writer, release)).privacyDecisions ?? []).toEqual([]);
  });

  it('never counts for the person who recorded it: they cannot then sign off or export themselves', async () => {
    const { writer, approver } = await office();
    const release = await submitted(writer);
    const decided = await value(decide(approver, release));
    expect(decided.privacyDecisions).toHaveLength(1);
    const refused = await act(approver, decided, 'approve');
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'refused', details: { privacy: 'protected-person' } },
    });
    expect(!refused.ok && refused.error.message).toContain(
      'Your own decision to publish anyway does not count for you: someone other than you has to take this step.',
    );
  });

  it("lets a second person's sign-off and final export through, and both are in the audit trail", async () => {
    const { writer, reviewer, approver } = await office();
    const release = await submitted(writer);
    const decided = await value(decide(reviewer, release, 'Named with her written consent, for the appeal.'));
    const approved = await value(act(approver, decided, 'approve'));
    expect(approved.status).toBe('approved');
    const out = await value(call(writer, 'export.release', { id: approved.id, format: 'html' }));
    expect(out).toMatchObject({ draft: false, published: true });
    expect(Buffer.from(out.dataBase64, 'base64').toString('utf8')).toContain('Doe’s neighbour');

    const entries = await trail(writer, release);
    const override = entries.find((e) => e.event === 'privacy-override')!;
    expect(override.actor).toEqual({ id: REVIEWER.id, name: REVIEWER.name });
    expect(override.details).toMatchObject({
      action: 'recorded',
      reason: 'Named with her written consent, for the appeal.',
      contentHash: decided.privacyDecisions![0]!.contentHash,
      covers: 1,
      findings: expect.stringContaining("“Doe” (a form of Jane Doe's name)"),
    });
    expect(entries.find((e) => e.event === 'approved')!.details.privacyDecisionBy).toBe(REVIEWER.name);
    expect(entries.find((e) => e.event === 'exported')!.details.privacyDecisionBy).toBe(REVIEWER.name);
    expect(entries.map((e) => e.event)).toEqual([
      'created',
      'edited',
      'submitted',
      'privacy-override',
      'approved',
      'published',
      'exported',
    ]);
  });

  it('refuses the export by the person who decided, and lets anyone else export', async () => {
    const { writer, reviewer, approver } = await office({
      approvalChain: [{ label: 'Legal', role: 'reviewer' }],
    });
    const release = await submitted(writer);
    const decided = await value(decide(approver, release));
    const approved = await value(act(reviewer, decided, 'approve'));
    expect(approved.status).toBe('approved');
    expect(await call(approver, 'export.release', { id: approved.id, format: 'txt' })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringContaining('Your own decision') },
    });
    expect(await call(writer, 'export.release', { id: approved.id, format: 'txt' })).toMatchObject({
      ok: true,
      value: { published: true },
    });
  });

  it('lapses when the text changes: dropped on the save, said in the trail, and the sign-off is refused again', async () => {
    const { writer, reviewer, approver } = await office();
    const release = await submitted(writer);
    const decided = await value(decide(reviewer, release));
    // A save that does not change the text keeps the decision.
    const same = await value(call(writer, 'releases.save', { release: decided }));
    expect(same.privacyDecisions).toHaveLength(1);
    const edited = await value(
      call(writer, 'releases.save', {
        release: { ...same, body: [{ id: 'p1', text: 'Mrs Doe’s neighbour called the police on Monday.' }] },
      }),
    );
    expect(edited.privacyDecisions).toEqual([]);
    const lapse = (await trail(writer, release)).filter((e) => e.event === 'privacy-override').at(-1)!;
    expect(lapse.details).toMatchObject({ action: 'lapsed', count: 1 });
    expect(await act(approver, edited, 'approve')).toMatchObject({
      ok: false,
      error: { code: 'refused', details: { privacy: 'protected-person' } },
    });
  });

  it('does not cover what it did not see: a form of the name found later refuses again', async () => {
    const { store, writer, reviewer, approver } = await office();
    const created = await value(call(writer, 'releases.create', { type: 'news-release' }));
    // No organisation of its own: the export prints the profile's name.
    const saved = await value(
      call(writer, 'releases.save', {
        release: {
          ...created,
          header: { ...created.header, organisation: '' },
          headline: 'Officer dismissed',
          body: [{ id: 'p1', text: 'Jane Doe was there.' }],
          anonymityList: [JANE],
        },
      }),
    );
    const release = await value(act(writer, saved, 'submit'));
    const approved = await value(act(approver, await value(decide(reviewer, release)), 'approve'));
    await store.updateProfile({ ...(await store.describe()).profile, name: 'Jane Doe Foundation' });
    const refused = await call(writer, 'export.release', { id: approved.id, format: 'txt' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(!refused.ok && refused.error.message).toContain(
      "Rafi Reviewer's decision to publish anyway does not cover “Jane Doe” must not appear as the issuing " +
        "organisation (the organisation profile's name)",
    );
  });

  it('cannot be slipped in by a client through a save', async () => {
    const { writer } = await office();
    const release = await submitted(writer);
    const forged = {
      releaseId: release.id,
      personId: 'u-someone',
      personName: 'Someone Else',
      at: NOW.toISOString(),
      contentHash: 'a'.repeat(64),
      reason: 'forged',
      covers: [],
    };
    const saved = await value(
      call(writer, 'releases.save', { release: { ...release, privacyDecisions: [forged] } }),
    );
    expect(saved.privacyDecisions).toEqual([]);
  });
});

describe('what an export publishes beyond the fields, and the jigsaw', () => {
  it('finds a protected name in the logo text, the profile name and "Latest news"', () => {
    const jane = filled(
      { anonymityList: [JANE], header: { ...filled().header, organisation: '' } },
      'approved',
    );
    const other = {
      ...filled({}, 'published'),
      id: 'r-other',
      headline: 'Ashford Grammar School closes early',
    };
    const findings = protectedFindingsOf(jane, {
      profile: { ...DEFAULT_PROFILE, name: 'Doe Trust' },
      logo: true,
      allReleases: [jane, other],
      now: NOW,
    });
    expect(findings.map((f) => f.message)).toEqual([
      "“Doe” (a form of Jane Doe's name) must not appear as the issuing organisation (the organisation profile's name): Jane Doe is a protected person",
      "“Doe” (a form of Jane Doe's name) must not appear in the logo's text alternative: Jane Doe is a protected person",
      '“Ashford Grammar School” (school or college of Jane Doe) must not appear in the “Latest news” list of the export (from “Ashford Grammar School closes early”): it identifies Jane Doe, a protected person',
    ]);
  });

  it('answers jigsaw warnings and publication findings for the editor, read-only', async () => {
    const { store, writer } = await office();
    const release = await submitted(writer, 'An officer was dismissed.');
    await forgeApproved(
      store,
      { ...filled({}, 'published'), header: { ...filled().header, tags: ['croydon'] } },
      'Ashford Grammar School',
    );
    const withTag = await value(
      call(writer, 'releases.save', {
        release: { ...(await latest(writer, release)), header: { ...release.header, tags: ['Croydon'] } },
      }),
    );
    const { findings } = await value(call(writer, 'checks.workspace', { id: withTag.id }));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'protected-person.identifier',
        severity: 'error',
        field: 'latestNews',
        message: expect.stringContaining('must not appear in the “Latest news” list of the export'),
      }),
      expect.objectContaining({
        rule: 'jigsaw',
        severity: 'warning',
        message: expect.stringMatching(
          /^Jigsaw risk: “Reported by Ashford Grammar School today” \(same tag “croydon”\) mentions Ashford Grammar School, a detail of Jane Doe\. Read together with “Officer dismissed after Croydon inquiry”/,
        ),
      }),
    ]);
    expect((await latest(writer, release)).revision).toBe(withTag.revision);
  });
});

/**
 * A release stored as approved, with a sign-off over exactly its text, that names a protected person where
 * `text` is written into the headline: what a release approved before the guard (or before a form of the name was
 * looked for) looks like. Written through the store, as only a file from elsewhere could be.
 */
async function forgeApproved(store: WorkspaceStore, content: Release, text: string): Promise<Release> {
  return storeSigned(store, placeIn(content, 'headline', text));
}

/** `content` stored under a new id, signed off over exactly its text (status approved or published). */
async function storeSigned(store: WorkspaceStore, content: Release): Promise<Release> {
  const created = await store.create('news-release');
  // Without `approvals`, the fixture signs the text it is given.
  const { approvals: _unsigned, ...unsigned } = content;
  const signed = filled({ ...unsigned, id: created.id }, content.status);
  return store.update(created.id, created.revision, () => ({ ...signed, id: created.id }));
}

describe('property: a protected name in any published field refuses the final export', () => {
  let workspace: Awaited<ReturnType<typeof office>>;
  beforeAll(async () => {
    workspace = await office();
  });
  afterAll(async () => {
    await rm(workspace.store.path, { recursive: true, force: true });
  });

  it('refuses, at the service, whatever the variant and the field', async () => {
    const base = filled({}, 'approved');
    const fields = textFields(base).map((f) => f.field);
    const named = protectedName().chain((parts) =>
      fc.record({ parts: fc.constant(parts), variant: variantOf(parts), field: fc.constantFrom(...fields) }),
    );
    await fc.assert(
      fc.asyncProperty(named, async ({ parts, variant, field }) => {
        const person: ProtectedPerson = { id: 'p-1', name: parts.join(' '), variants: [], identifiers: [] };
        let content = placeIn({ ...base, anonymityList: [person] }, field, variant.text);
        // A field too short for the sentence (the end mark, a phone number) takes the variant into the body instead.
        if (!ReleaseSchema.safeParse(content).success) {
          content = placeIn({ ...base, anonymityList: [person] }, 'body.0.text', variant.text);
        }
        const stored = await storeSigned(workspace.store, content);
        const answer = await call(workspace.approver, 'export.release', { id: stored.id, format: 'txt' });
        expect(answer, `${variant.kind}: ${JSON.stringify(variant.text)} in ${field}`).toMatchObject({
          ok: false,
          error: { code: 'refused', details: { privacy: 'protected-person' } },
        });
      }),
      { numRuns: 20 },
    );
  });
});
