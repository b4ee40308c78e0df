import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Release } from '../../src-shared/release/schema';
import {
  ANA,
  BEN,
  call,
  filesUnder,
  isSyncConflict,
  openOffice,
  PRESSROOM_IGNORES,
  reachableFrom,
  revisionsIn,
  START_TIMEOUT_MS,
  STOP_TIMEOUT_MS,
  value,
  type Desk,
  type Office,
} from './office';
import {
  folderContents,
  startSyncthingPair,
  stopAllSyncthing,
  syncthingMissingReason,
  type SyncthingPair,
} from './syncthing';

const missing = syncthingMissingReason('tests/sync/release-saves.test.ts');
/** RELEASES releases, each saved on both computers at once in each of ROUNDS rounds: 50 collisions. */
const RELEASES = 10;
const ROUNDS = 5;

/**
 * Issue 12, item 10: release saves, comments and workflow decisions taken at the same moment on two computers, on a
 * folder two real Syncthing engines keep in step. Every save adds a revision file named by its computer, so the
 * engines never have to choose between two texts of one file: both are kept, and both computers show the fork.
 *
 * Until issue 12 this test measured the old behaviour: of 10 rounds of simultaneous saves, one acknowledged text per
 * round was gone from both screens, sometimes into no file at all.
 */

/** The figures quoted in the report, filled in by the tests below and printed once at the end. */
const figures = {
  collisions: 0,
  acknowledged: 0,
  lost: 0,
  forksShownA: 0,
  forksShownB: 0,
  decisionsSettledAlike: 0,
  decisions: 0,
  auditEntriesA: 0,
  auditEntriesB: 0,
  comments: 0,
  commentsOnBoth: 0,
  /** Profile and settings edits of different fields made at once: kept on both computers. */
  fieldEdits: 0,
  fieldEditsKept: 0,
  /** One field edited on both at once: both computers agree, and name the other value beside it. */
  sameFieldEdits: 0,
  sameFieldAgreed: 0,
};

describe.skipIf(missing)(
  missing
    ? `Release saves on a synced folder (skipped: ${missing})`
    : 'Release saves, comments and decisions at once on two computers, kept in step by Syncthing',
  () => {
    let pair: SyncthingPair;
    beforeAll(async () => {
      // Pressroom's own lock and temp files are not carried, as the README tells people to set their engine up.
      pair = await startSyncthingPair({ ignorePatterns: PRESSROOM_IGNORES });
    }, START_TIMEOUT_MS);
    afterAll(async () => {
      console.log(
        `\nFIGURES (issue 12, Syncthing): collisions ${figures.collisions}, acknowledged saves ${figures.acknowledged}, ` +
          `lost ${figures.lost}, forks shown A ${figures.forksShownA}/${figures.collisions} ` +
          `B ${figures.forksShownB}/${figures.collisions}, concurrent decisions settled alike ` +
          `${figures.decisionsSettledAlike}/${figures.decisions}, comments on both sides ` +
          `${figures.commentsOnBoth}/${figures.comments}, profile/settings edits of different fields kept on both ` +
          `${figures.fieldEditsKept}/${figures.fieldEdits}, same field agreed with the other named ` +
          `${figures.sameFieldAgreed}/${figures.sameFieldEdits}, audit entries A ${figures.auditEntriesA} ` +
          `B ${figures.auditEntriesB} (all chains verified)`,
      );
      await stopAllSyncthing();
    }, STOP_TIMEOUT_MS);

    const tagOf = (round: number, k: number) =>
      `r${String(round).padStart(2, '0')}-k${String(k).padStart(2, '0')}`;

    /** The same question asked on both computers, answered as a pair. */
    const both = <T>(office: Office, ask: (desk: Desk) => Promise<T>): Promise<[T, T]> =>
      Promise.all([ask(office.a), ask(office.b)]);

    /** Both computers' verdicts on a release, through their own API. */
    const versionsOn = async (desk: Desk, id: string) =>
      value(call(desk.dispatch, 'releases.versions', { id }));

    /** The audit trail of every release, read and verified on each computer; answers the entries counted. */
    const auditOnBoth = async (office: Office, ids: readonly string[]) => {
      // Reading a trail may add to it (an edit a crash left unrecorded, a note of decisions settled by the rule), on
      // each computer in its own chain: those are carried across before the trails are compared.
      for (const id of ids) await both(office, (desk) => value(call(desk.dispatch, 'audit.read', { id })));
      await pair.waitUntilInSync();
      const counts = { a: 0, b: 0 };
      for (const id of ids) {
        const [onA, onB] = await Promise.all([
          value(call(office.a.dispatch, 'audit.read', { id })),
          value(call(office.b.dispatch, 'audit.read', { id })),
        ]);
        for (const report of [onA, onB]) {
          expect(report.problem, `audit of ${id}`).toBeNull();
          expect(report.intact, `audit of ${id}`).toBe(true);
          expect(report.waitingForSync ?? null, `audit of ${id}`).toBeNull();
          for (const chain of report.chains ?? [])
            expect(chain.status, `${chain.label}, ${id}`).toBe('intact');
        }
        // Both computers hold every chain: the same entries, in the same order.
        expect(onB.entries.map((entry) => entry.hash)).toEqual(onA.entries.map((entry) => entry.hash));
        counts.a += onA.entries.length;
        counts.b += onB.entries.length;
      }
      return counts;
    };

    /** No engine copy under releases/, and each computer lists exactly the releases made. */
    const libraryIsClean = async (office: Office, ids: readonly string[]) => {
      for (const desk of [office.a, office.b]) {
        const files = await filesUnder(desk.store.path);
        expect(files.filter((path) => path.startsWith('releases/') && isSyncConflict(path))).toEqual([]);
        const listed = await value(call(desk.dispatch, 'releases.list', {}));
        expect(listed.map((release) => release.id).sort()).toEqual([...ids].sort());
      }
    };

    it(`${RELEASES} releases saved on both computers at once, ${ROUNDS} rounds (${RELEASES * ROUNDS} collisions), with comments and profile/settings edits: nothing acknowledged is lost, every fork is shown on both`, async () => {
      const office = await openOffice(pair, 'saves');
      const ids: string[] = [];
      for (let k = 0; k < RELEASES; k++) {
        ids.push((await value(call(office.a.dispatch, 'releases.create', { type: 'news-release' }))).id);
      }
      await pair.waitUntilInSync();

      type Saved = { marker: string; id: string; desk: 'A' | 'B'; revision: number };
      const acknowledged: Saved[] = [];
      const refusals: string[] = [];
      const comments: string[] = [];

      const saveFrom = async (desk: Desk, name: 'A' | 'B', base: Release, marker: string) => {
        const release: Release = { ...base, headline: `Headline by ${desk.person.name} [${marker}]` };
        const result = await call(desk.dispatch, 'releases.save', { release });
        if (result.ok)
          acknowledged.push({ marker, id: base.id, desk: name, revision: result.value.revision });
        else refusals.push(`${marker}: ${result.error.message}`);
      };

      for (let round = 1; round <= ROUNDS; round++) {
        // Both read their own copy (identical: the engines were in sync), then both save every release at once.
        const [basesA, basesB] = await both(office, (desk) =>
          Promise.all(ids.map((id) => value(call(desk.dispatch, 'releases.get', { id })))),
        );
        for (let k = 0; k < RELEASES; k++) expect(basesB[k]!.revision).toBe(basesA[k]!.revision);
        // Meanwhile, the profile and settings: a different field on each computer, and one field on both.
        const [seenA, seenB] = await both(office, (desk) =>
          value(call(desk.dispatch, 'workspace.describe', {})),
        );
        const workspaceEdits = [
          value(
            call(office.a.dispatch, 'workspace.updateProfile', {
              profile: {
                ...seenA.profile,
                boilerplate: `Boilerplate by Ana, round ${round}`,
                name: `Office A${round}`,
              },
            }),
          ),
          value(
            call(office.b.dispatch, 'workspace.updateSettings', {
              settings: { ...seenB.settings, latestNewsCount: round },
            }),
          ),
          value(
            call(office.b.dispatch, 'workspace.updateProfile', {
              profile: { ...seenB.profile, name: `Office B${round}` },
            }),
          ),
        ];
        // Done before the saves below, so that each computer writes its edit well within the engines' window
        // (the watcher waits 1 s): a form saved after a colleague's edit had arrived would write back the value
        // it showed, which is a later edit, not a concurrent one.
        await Promise.all(workspaceEdits);
        await Promise.all(
          ids.flatMap((id, k) => {
            const tag = tagOf(round, k);
            const text = { a: `Ana on ${tag}`, b: `Ben on ${tag}` };
            comments.push(text.a, text.b);
            const anchor = { section: 'release' as const, itemId: null };
            return [
              saveFrom(office.a, 'A', basesA[k]!, `a-${tag}`),
              saveFrom(office.b, 'B', basesB[k]!, `b-${tag}`),
              value(call(office.a.dispatch, 'comments.add', { id, anchor, text: text.a })),
              value(call(office.b.dispatch, 'comments.add', { id, anchor, text: text.b })),
            ];
          }),
        );
        figures.collisions += RELEASES;
        await pair.waitUntilInSync();

        const [nowA, nowB] = await both(office, (desk) =>
          value(call(desk.dispatch, 'workspace.describe', {})),
        );
        figures.fieldEdits += 2;
        figures.sameFieldEdits += 1;
        for (const [ok] of [
          [[nowA, nowB].every((d) => d.profile.boilerplate === `Boilerplate by Ana, round ${round}`)],
          [[nowA, nowB].every((d) => d.settings.latestNewsCount === round)],
        ] as const) {
          if (ok) figures.fieldEditsKept += 1;
        }
        const kept = nowA.profile.name;
        const otherName = kept === `Office A${round}` ? `Office B${round}` : `Office A${round}`;
        const namedBeside = (d: typeof nowA) =>
          d.changes?.find((change) => change.field === 'profile.name')?.replaced.map((r) => r.value) ?? [];
        if (
          nowB.profile.name === kept &&
          [`Office A${round}`, `Office B${round}`].includes(kept) &&
          [nowA, nowB].every((d) => namedBeside(d).includes(otherName))
        ) {
          figures.sameFieldAgreed += 1;
        }
        expect(nowB.profile).toEqual(nowA.profile);
        expect(nowB.settings).toEqual(nowA.settings);
        expect(nowA.profile.boilerplate).toBe(`Boilerplate by Ana, round ${round}`);
        expect(nowA.settings.latestNewsCount).toBe(round);
        expect(namedBeside(nowA)).toContain(otherName);
        expect(namedBeside(nowB)).toContain(otherName);

        // Every release now has two versions, shown as such on both computers, with the same two versions.
        const resolutions: Array<Promise<unknown>> = [];
        for (const [k, id] of ids.entries()) {
          const [onA, onB] = await Promise.all([versionsOn(office.a, id), versionsOn(office.b, id)]);
          if (onA.kind === 'texts') figures.forksShownA += 1;
          if (onB.kind === 'texts') figures.forksShownB += 1;
          expect([onA.kind, onB.kind], id).toEqual(['texts', 'texts']);
          const headIds = (v: typeof onA) => v.versions.map((version) => version.versionId).sort();
          expect(headIds(onB)).toEqual(headIds(onA));
          const tag = tagOf(round, k);
          expect(onA.versions.map((v) => v.release.headline).sort()).toEqual([
            `Headline by Ana (computer A) [a-${tag}]`,
            `Headline by Ben (computer B) [b-${tag}]`,
          ]);
          // Each computer shows its own version first (so its next save continues its own line).
          expect(onA.versions[0]!.release.headline).toContain(`[a-${tag}]`);
          expect(onB.versions[0]!.release.headline).toContain(`[b-${tag}]`);
          // Someone settles it: on A in odd rounds (keeping Ana's text), on B in even rounds (keeping Ben's).
          const [settler, seen] = round % 2 === 1 ? [office.a, onA] : [office.b, onB];
          resolutions.push(
            value(
              call(settler.dispatch, 'releases.resolveFork', {
                release: seen.versions[0]!.release,
                versions: headIds(seen),
              }),
            ),
          );
        }
        await Promise.all(resolutions);
        await pair.waitUntilInSync();
        for (const id of ids) {
          const [onA, onB] = await Promise.all([versionsOn(office.a, id), versionsOn(office.b, id)]);
          expect([onA.kind, onB.kind], id).toEqual(['one', 'one']);
          expect(onB.versions[0]!.versionId).toBe(onA.versions[0]!.versionId);
        }
      }

      // Every text either side was told was saved is in a revision file on BOTH computers, and reachable from the
      // version shown by walking back through the revisions (what History walks).
      expect(refusals).toEqual([]);
      figures.acknowledged += acknowledged.length;
      let lost = 0;
      for (const desk of [office.a, office.b]) {
        for (const id of ids) {
          const all = await revisionsIn(desk.store, id);
          const heads = (await versionsOn(desk, id)).versions.map((version) => version.versionId);
          const reachable = reachableFrom(heads, all);
          for (const saved of acknowledged.filter((s) => s.id === id)) {
            const holding = [...all.values()].filter((r) => r.release.headline.includes(`[${saved.marker}]`));
            if (holding.length === 0 || !holding.some((r) => reachable.has(r.id))) lost += 1;
          }
        }
      }
      figures.lost += lost;
      expect(lost).toBe(0);
      expect(acknowledged).toHaveLength(2 * RELEASES * ROUNDS);

      // Every comment, on both computers.
      figures.comments += comments.length;
      const [threadsA, threadsB] = await both(office, async (desk) =>
        (
          await Promise.all(
            ids.map(async (id) => (await value(call(desk.dispatch, 'comments.list', { id }))).threads),
          )
        )
          .flat()
          .map((thread) => thread.text)
          .sort(),
      );
      expect(threadsA).toEqual([...comments].sort());
      expect(threadsB).toEqual(threadsA);
      figures.commentsOnBoth += comments.filter((c) => threadsA.includes(c) && threadsB.includes(c)).length;

      await libraryIsClean(office, ids);
      const audit = await auditOnBoth(office, ids);
      figures.auditEntriesA += audit.a;
      figures.auditEntriesB += audit.b;
      // The engines are idle, the two copies identical.
      await pair.waitUntilInSync();
      expect(await folderContents(pair.a.folder)).toEqual(await folderContents(pair.b.folder));
    }, 240_000);

    it('decisions at once: withdraw on A vs request changes on B settle alike on both; approve on B vs edit on A shows two versions on both', async () => {
      // Ben signs off too: the workspace's one approval step asks for an approver.
      const office = await openOffice(pair, 'decisions', {
        a: ANA,
        b: { ...BEN, roles: ['writer', 'reviewer', 'approver'] },
      });
      const PAIRS = 3;
      const ids: string[] = [];
      for (let k = 0; k < 2 * PAIRS; k++) {
        const created = await value(call(office.a.dispatch, 'releases.create', { type: 'news-release' }));
        const saved = await value(
          call(office.a.dispatch, 'releases.save', {
            release: { ...created, headline: `Release ${k} by Ana` },
          }),
        );
        await value(
          call(office.a.dispatch, 'releases.act', {
            id: saved.id,
            revision: saved.revision,
            action: 'submit',
          }),
        );
        ids.push(saved.id);
      }
      await pair.waitUntilInSync();
      const withdrawVsChanges = ids.slice(0, PAIRS);
      const approveVsEdit = ids.slice(PAIRS);

      const [onA, onB] = await both(office, (desk) =>
        Promise.all(ids.map((id) => value(call(desk.dispatch, 'releases.get', { id })))),
      );
      // At the same moment on both computers: neither sees the other's step before taking its own. (With the
      // engines running, a slow step on one computer could meet the other's already delivered, and be refused as
      // taken on an old version, which is right, but is not this test.)
      await pair.pauseExchange();
      const acts: Array<Promise<unknown>> = [];
      for (const [k, id] of ids.entries()) {
        const [a, b] = [onA[k]!, onB[k]!];
        expect([a.status, b.status, b.revision]).toEqual(['in-review', 'in-review', a.revision]);
        if (withdrawVsChanges.includes(id)) {
          acts.push(
            value(
              call(office.a.dispatch, 'releases.act', {
                id,
                revision: a.revision,
                action: 'withdraw',
                reason: 'Pulled by Ana',
              }),
            ),
            value(
              call(office.b.dispatch, 'releases.act', {
                id,
                revision: b.revision,
                action: 'request-changes',
                reason: 'Ben wants changes',
              }),
            ),
          );
        } else {
          acts.push(
            value(call(office.b.dispatch, 'releases.act', { id, revision: b.revision, action: 'approve' })),
            value(
              call(office.a.dispatch, 'releases.save', {
                release: { ...a, headline: `${a.headline}, edited` },
              }),
            ),
          );
        }
      }
      await Promise.all(acts);
      await pair.resumeExchange();
      await pair.waitUntilInSync();

      for (const id of withdrawVsChanges) {
        figures.decisions += 1;
        const [vA, vB] = await Promise.all([versionsOn(office.a, id), versionsOn(office.b, id)]);
        const [gA, gB] = await both(office, (desk) => value(call(desk.dispatch, 'releases.get', { id })));
        // The same text with two decisions: settled by the rule, the same way on both computers.
        expect([vA.kind, vB.kind]).toEqual(['decisions', 'decisions']);
        expect([gA.status, gB.status]).toEqual(['withdrawn', 'withdrawn']);
        expect(vB.rule).toBe(vA.rule);
        expect(vA.rule).toMatch(/Withdrawn stands/);
        if (gA.status === gB.status && vA.rule === vB.rule) figures.decisionsSettledAlike += 1;
        // Both decisions are in the audit trail of both computers.
        for (const desk of [office.a, office.b]) {
          const events = (await value(call(desk.dispatch, 'audit.read', { id }))).entries.map(
            (entry) => entry.event,
          );
          expect(events).toEqual(expect.arrayContaining(['withdrawn', 'changes-requested']));
        }
      }
      for (const id of approveVsEdit) {
        const [vA, vB] = await Promise.all([versionsOn(office.a, id), versionsOn(office.b, id)]);
        // A sign-off never moves onto text it was not given for: two versions, shown on both computers.
        expect([vA.kind, vB.kind]).toEqual(['texts', 'texts']);
        expect(vB.versions.map((v) => v.versionId).sort()).toEqual(
          vA.versions.map((v) => v.versionId).sort(),
        );
        const approved = vA.versions.find((v) => v.release.status === 'approved');
        const edited = vA.versions.find((v) => v.release.headline.endsWith(', edited'));
        expect(approved?.release.approvals.map((s) => s.personId)).toEqual(['u-ben']);
        expect(approved?.release.headline.endsWith(', edited')).toBe(false);
        // The edit was made on the text in review, before any sign-off: it stays in review, unsigned.
        expect(edited?.release.status).toBe('in-review');
        expect(edited?.release.approvals).toEqual([]);
      }

      await libraryIsClean(office, ids);
      const audit = await auditOnBoth(office, ids);
      figures.auditEntriesA += audit.a;
      figures.auditEntriesB += audit.b;
      await pair.waitUntilInSync();
      expect(await folderContents(pair.a.folder)).toEqual(await folderContents(pair.b.folder));
    }, 180_000);
  },
);
