import type { ChangeNoteImportance, Release } from '../../../src-shared/release/schema';
import { issue17Record } from './published-steps';
import { contentHash } from '../../../src-shared/workflow/content-hash';
import { pickContent } from '../../../src-shared/release/structure';
import type { AuditEvent, AuditReport } from '../../../src-shared/workflow/review-records';
import { decide, type Person, type WorkflowAction } from '../../../src-shared/workflow/workflow';
import { decisionsStanding, type PrivacyDecision } from '../../../src-shared/workflow/privacy-decision';
import type { AuditDetails, AuditTrail } from './audit-trail';
import { assertPrivacyCleared, protectedFindingsOf, type PublicationContext } from '../privacy-guard';
import type { ReleaseHistory } from './release-history';
import { StoreError, type SaveOutcome, type WorkspaceStore } from '../workspace/store';

/**
 * The review workflow as a service: the pure rules of src-shared/workflow applied to the stored release, with
 * the audit trail and the version history written alongside (issue 5). Every path that changes a release's
 * content or status for a person goes through here, so that none of them can forget the trail.
 *
 * Order of writes: the release file first, then history, then the audit entry. The release file is the truth;
 * should the process stop between the writes, the trail misses an entry rather than recording a step that never
 * happened.
 *
 * A missing 'edited' entry is then recorded afterwards (issue 13, item 1), from the release's own record of its
 * newest edit (`lastEdit`: who, which revision, which content hash), which the store writes in the same atomic
 * write as the content. Chosen over making the two files one transaction: a release and its trail are two files
 * that a sync engine carries separately, so no write order or intent log could make them appear together on
 * another computer; a record inside the release file travels with the content it describes, and the repair is an
 * ordinary append, chained and verified like every other entry, marked `recovered`. Since every save records the
 * previous edit (if missing) before it writes, and reading the trail records the last one, at most the newest
 * edit can be missing at any moment, and only until the release is next saved, changed or its trail read.
 */
export interface ReviewWorkflow {
  /** A new release made by `make`, its trail opened with 'created' (and `details`, such as what it was copied from). */
  create(
    release: () => Promise<Release>,
    actor: Person,
    details?: (release: Release) => AuditDetails,
  ): Promise<Release>;
  /** An edit by `actor`: lapses sign-offs over other content and records who edited (four-eyes). */
  save(release: Release, actor: Person): Promise<SaveOutcome>;
  act(request: ActRequest, actor: Person): Promise<Release>;
  keepVersion(id: string, actor: Person): ReturnType<ReleaseHistory['record']>;
  restoreVersion(id: string, seq: number, revision: number, actor: Person): Promise<Release>;
  /** Records a workflow event that is not a state change (a comment, an export). */
  note(
    id: string,
    actor: Person,
    event: AuditEvent,
    details?: Record<string, string | number>,
  ): Promise<void>;
  auditReport(id: string): Promise<AuditReport>;
}

export interface ActRequest {
  id: string;
  revision: number;
  action: Exclude<WorkflowAction, 'lapse'>;
  reason?: string | undefined;
  step?: number | undefined;
  /** 'correct': how big the change is (the reason is the change note). */
  importance?: ChangeNoteImportance | undefined;
}

const EVENT_OF: Record<Exclude<WorkflowAction, 'lapse'>, AuditEvent> = {
  submit: 'submitted',
  'request-changes': 'changes-requested',
  approve: 'approved',
  publish: 'published',
  withdraw: 'withdrawn',
  reopen: 'reopened',
  correct: 'correction-started',
  'request-correction': 'correction-requested',
  'request-withdrawal': 'withdrawal-requested',
  'confirm-withdrawal': 'withdrawn',
  'cancel-withdrawal': 'withdrawal-cancelled',
  'publish-unchecked': 'published-unchecked',
  'review-after-publishing': 'reviewed-after-publishing',
};

export function createReviewWorkflow(parts: {
  store: WorkspaceStore;
  audit: AuditTrail;
  history: ReleaseHistory;
  now?: () => Date;
}): ReviewWorkflow {
  const { store, audit, history } = parts;
  const now = parts.now ?? (() => new Date());
  const actorOf = (person: Person) => ({ id: person.id, name: person.name });
  const privacyContext = async (): Promise<PublicationContext> => {
    const description = await store.describe();
    return { profile: description.profile, logo: description.logoDataUrl !== null };
  };
  /** A decision to publish a protected name anyway that the text has moved away from is said to have lapsed. */
  const noteLapsedDecisions = async (release: Release, count: number, actor: Person) => {
    if (count <= 0) return;
    await audit.append(release.id, {
      actor: actorOf(actor),
      event: 'privacy-override',
      details: {
        action: 'lapsed',
        count,
        contentHash: contentHash(release),
        revision: release.revision,
        reason: 'The text changed after the decision to publish it anyway was made.',
      },
    });
  };

  return {
    async create(make, actor, details) {
      const release = await make();
      await audit.append(release.id, {
        actor: actorOf(actor),
        event: 'created',
        details: { type: release.header.type, ...details?.(release) },
      });
      return release;
    },

    async save(release, actor) {
      const stored = await store.get(release.id).catch(() => null);
      // Before this save replaces the record of the previous edit, that edit's entry must be in the trail. If it
      // cannot be recorded now, nothing is written: the save is refused and can be tried again.
      if (stored) await recordLostEdit(audit, stored, actor);
      // Decisions to publish a protected name anyway are the store's, never the request's: each is kept only while
      // the text is still the one decided on (the rest lapse, in the trail below).
      const before = stored?.privacyDecisions ?? [];
      const standing = decisionsStanding(before, contentHash(release));
      const outcome = await store.saveEdit({ ...release, privacyDecisions: standing }, actor.id, actor.name);
      // The revision is written: from here on the save has happened, and answering "failed" would make the person
      // save again onto their own text and be told it changed elsewhere (issue 13, item 2). The trail's entries are
      // retried for a moment (a dead process's lock is broken at once); if they still cannot be written, the edit is
      // recorded from the release's own lastEdit on the next save or read (recordLostEdit), never lost.
      // Each step retried on its own, so that a retry never writes an entry twice.
      await afterWrite(() => noteLapsedDecisions(outcome.release, before.length - standing.length, actor));
      if (outcome.lapsed) {
        await afterWrite(async () => {
          await audit.append(outcome.release.id, {
            actor: actorOf(actor),
            event: 'lapsed',
            details: {
              from: outcome.previousStatus,
              to: outcome.release.status,
              contentHash: outcome.contentHash,
              reason: 'The text changed after it was signed off.',
            },
          });
        });
      }
      await afterWrite(async () => {
        const edit = outcome.release.lastEdit;
        if (outcome.contentChanged && edit && edit.revision === outcome.release.revision) {
          // One entry per run of edits by one person, not one per autosave: the trail stays readable.
          await audit.recordEdit(outcome.release.id, edit);
        } else if (outcome.contentChanged && !(await lastEntryIsEditBy(audit, release.id, actor.id))) {
          await audit.append(outcome.release.id, {
            actor: actorOf(actor),
            event: 'edited',
            details: { revision: outcome.release.revision },
          });
        }
      });
      return outcome;
    },

    async act(request, actor) {
      const settings = await store.readSettings();
      // A sign-off, or publishing, of a text that names a protected person is refused unless a second person
      // decided to publish it anyway (privacy-guard.ts).
      const guarded = request.action === 'approve' || request.action === 'publish';
      const publishing = guarded ? await privacyContext() : null;
      // Publishing without a second check is refused outright while a protected person is named (issue 17).
      const unchecked = request.action === 'publish-unchecked' ? await privacyContext() : null;
      const at = now().toISOString();
      let clearedBy: PrivacyDecision | null = null;
      let decidedApproval: { stepLabel: string; contentHash: string } | undefined;
      let fromStatus = '';
      // An edit whose entry was lost is recorded before the step that follows it, so the trail keeps their order.
      const current = await store.get(request.id).catch(() => null);
      if (current) await recordLostEdit(audit, current, actor);
      const saved = await store.update(request.id, request.revision, (stored) => {
        const hash = contentHash(stored);
        const decision = decide({
          status: stored.status,
          action: request.action,
          actor,
          settings,
          approvals: stored.approvals,
          editedSinceApproval: stored.editedSinceApproval,
          contentHash: hash,
          reason: request.reason,
          at,
          step: request.step,
          withdrawal: stored.withdrawal ?? null,
          uncheckedPublish: stored.uncheckedPublish ?? null,
          protectedFindings: unchecked ? protectedFindingsOf(stored, unchecked).length : 0,
        });
        if (!decision.ok) throw new StoreError('refused', decision.reason);
        if (publishing) {
          clearedBy = assertPrivacyCleared({
            release: stored,
            findings: protectedFindingsOf(stored, publishing),
            actor,
            step: request.action === 'approve' ? 'approve' : 'publish',
          });
        }
        fromStatus = stored.status;
        if (decision.approval) decidedApproval = decision.approval;
        return issue17Record(
          stored,
          {
            ...stored,
            status: decision.to,
            approvals: decision.approvals,
            // A full approval starts a new four-eyes period; any other move keeps the list of editors.
            editedSinceApproval: decision.to === 'approved' ? [] : stored.editedSinceApproval,
          },
          {
            action: request.action,
            actor: actorOf(actor),
            at,
            reason: request.reason,
            importance: request.importance,
          },
        );
      });
      const hash = contentHash(saved);
      if (request.action === 'submit') await history.record(saved, 'submitted', actorOf(actor));
      if (request.action === 'approve') await history.record(saved, 'approved', actorOf(actor));
      const details: Record<string, string | number> = {
        from: fromStatus,
        to: saved.status,
        contentHash: hash,
        revision: saved.revision,
      };
      const reason = request.reason?.trim();
      if (reason) details.reason = reason;
      if (decidedApproval) details.step = decidedApproval.stepLabel;
      if (request.action === 'correct') details.importance = request.importance ?? 'major';
      const cleared = clearedBy as PrivacyDecision | null;
      if (cleared) details.privacyDecisionBy = cleared.personName;
      await audit.append(saved.id, { actor: actorOf(actor), event: EVENT_OF[request.action], details });
      return saved;
    },

    async keepVersion(id, actor) {
      return history.record(await store.get(id), 'manual', actorOf(actor));
    },

    async restoreVersion(id, seq, revision, actor) {
      const version = await history.get(id, seq);
      const current = await store.get(id);
      if (current.revision !== revision) {
        throw new StoreError(
          'conflict',
          `This release was changed elsewhere (revision ${current.revision}) after you opened revision ` +
            `${revision}. Look at the latest version before you restore an older one.`,
          { currentRevision: current.revision },
        );
      }
      await recordLostEdit(audit, current, actor);
      // The text being replaced is kept first, so a restore can itself be undone from the history.
      await history.record(current, 'restored', actorOf(actor));
      const old = version.release;
      const restored = { ...current, ...pickContent(old) };
      const standing = decisionsStanding(current.privacyDecisions, contentHash(restored));
      const outcome = await store.saveEdit(
        // Every content field of the old version, walked from the structure table; workflow state stays current's.
        { ...restored, privacyDecisions: standing },
        actor.id,
        actor.name,
      );
      await noteLapsedDecisions(
        outcome.release,
        (current.privacyDecisions?.length ?? 0) - standing.length,
        actor,
      );
      let release = outcome.release;
      if (outcome.lapsed) {
        await audit.append(id, {
          actor: actorOf(actor),
          event: 'lapsed',
          details: { from: outcome.previousStatus, to: release.status, contentHash: outcome.contentHash },
        });
      }
      // "Restored as a new draft": a release in review goes back to draft too, since its text is not what was
      // submitted any more.
      if (release.status === 'in-review' || release.status === 'changes-requested') {
        release = await store.update(id, release.revision, (stored) => ({
          ...stored,
          status: 'draft',
          approvals: [],
        }));
      }
      await audit.append(id, {
        actor: actorOf(actor),
        event: 'restored',
        details: { version: seq, contentHash: contentHash(release), revision: release.revision },
      });
      return release;
    },

    async note(id, actor, event, details = {}) {
      await audit.append(id, { actor: actorOf(actor), event, details });
    },

    async auditReport(id) {
      // Reading the trail records an edit whose entry a crash lost; a trail that cannot be written to (a read-only
      // folder, a colleague's lock) is still shown as it is, and the repair waits for the next save or read.
      const release = await store.get(id).catch(() => null);
      if (release) await recordLostEdit(audit, release, null).catch(() => undefined);
      const verdict = await audit.verify(id);
      const chains = verdict.chains.map(({ label, status, problem }) => ({ label, status, problem }));
      const waitingForSync = verdict.waitingForSync;
      if (verdict.ok)
        return { entries: verdict.entries, intact: true, problem: null, waitingForSync, chains };
      // Show what still reads, beyond the break too, with the break named: hiding entries would hide the damage.
      const readable = await audit.read(id).catch(() => verdict.entries);
      return {
        entries: readable,
        intact: false,
        problem: `${verdict.problem} (line ${verdict.atLine})`,
        waitingForSync,
        chains,
      };
    },
  };
}

/**
 * Records the release's newest edit in its trail if a crash lost the entry (AuditTrail.recordEdit decides whether
 * the trail covers it, under its lock). `noticedBy` is the person whose action found the gap, if any.
 */
export async function recordLostEdit(
  audit: AuditTrail,
  release: Release,
  noticedBy: Person | null,
): Promise<void> {
  if (!release.lastEdit) return;
  await audit.recordEdit(release.id, release.lastEdit, {
    noticedBy: noticedBy ? { id: noticedBy.id, name: noticedBy.name } : null,
  });
}

async function lastEntryIsEditBy(audit: AuditTrail, id: string, personId: string): Promise<boolean> {
  const last = await audit.last(id).catch(() => null);
  return last !== null && last.event === 'edited' && last.actor.id === personId;
}

/** Audit steps after a revision is written: retried briefly, then left to the repair, never turned into a failure. */
async function afterWrite(
  steps: () => Promise<void>,
  waits: readonly number[] = [50, 200, 600],
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await steps();
      return;
    } catch (error) {
      if (attempt >= waits.length) {
        console.warn(`Pressroom: a saved revision's audit entry will be recorded later (${String(error)})`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, waits[attempt]));
    }
  }
}
