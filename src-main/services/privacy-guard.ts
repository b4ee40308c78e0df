import { textFields, type Finding } from '../../src-shared/checks/editorial-checks';
import { jigsawFindings } from '../../src-shared/checks/jigsaw';
import {
  compileProtectedPeople,
  protectedPersonFindings,
  type CheckedText,
} from '../../src-shared/checks/protected-people';
import { DEFAULT_SETTINGS, type OrganisationProfile, type Release } from '../../src-shared/release/schema';
import { contentHash } from '../../src-shared/workflow/content-hash';
import {
  decisionsStanding,
  findingKey,
  makePrivacyDecision,
  mayRecordPrivacyDecision,
  privacyClearance,
  type PrivacyDecision,
  type PrivacyStep,
} from '../../src-shared/workflow/privacy-decision';
import type { Person } from '../../src-shared/workflow/workflow';
import type { AuditTrail } from './review/audit-trail';
import { exportFileName } from './export/export-file-name';
import { latestNewsFor, organisationOf } from './export/html-export';
import { StoreError, type WorkspaceStore } from './workspace/store';

/**
 * The protected-person guard on the main side (ARCHITECTURE §5 and the privacy rules in
 * src-shared/workflow/privacy-decision.ts). A sign-off, a publish and a final export are refused here while the
 * text names a protected person, so the desktop app, the browser host and the CLI are all held to it; the editor's
 * own checks are only the early warning.
 *
 * What is checked is everything an export publishes: the release's published fields, and beyond them the export's
 * file name (made from the headline), the issuing organisation when it comes from the profile, the logo's text
 * alternative ("<organisation> logo") and the "Latest news" list of other releases printed on the page.
 */

export interface PublicationContext {
  profile: OrganisationProfile;
  /** A logo is printed (HTML and PDF), with "<organisation> logo" as its text alternative. */
  logo: boolean;
  /** The workspace's releases, for the "Latest news" list of an HTML or PDF export; absent: not published. */
  allReleases?: readonly Release[];
  latestNewsCount?: number;
  now?: Date;
}

/** The export's file name read as words ("2024-07-18-jane-doe-...-r-1" -> "2024 07 18 jane doe ... r 1"). */
function fileNameTexts(release: Release): CheckedText[] {
  const name = exportFileName({
    id: release.id,
    headline: release.headline,
    releaseDate: release.header.releaseDate,
    draft: false,
    format: 'pdf',
  }).replace(/\.pdf$/, '');
  return [
    {
      section: 'headline',
      field: 'headline',
      text: name.replace(/[-_.]+/g, ' '),
      where: `in the export's file name (${name})`,
    },
  ];
}

/** Texts an export publishes that are not fields of the release. */
function publicationTexts(release: Release, context: PublicationContext): CheckedText[] {
  const texts = fileNameTexts(release);
  const organisation = organisationOf(release, context.profile);
  if (release.header.organisation.trim() === '' && organisation) {
    texts.push({
      section: 'header',
      field: 'header.organisation',
      text: organisation,
      where: "as the issuing organisation (the organisation profile's name)",
    });
  }
  if (context.logo && organisation) {
    texts.push({
      section: 'header',
      field: 'header.organisation',
      text: `${organisation} logo`,
      where: "in the logo's text alternative",
    });
  }
  if (context.allReleases) {
    const items = latestNewsFor(release, context.allReleases, {
      count: context.latestNewsCount ?? DEFAULT_SETTINGS.latestNewsCount,
      now: context.now ?? new Date(),
    });
    for (const item of items) {
      const where = `in the “Latest news” list of the export (from “${item.headline.trim()}”)`;
      for (const text of [item.headline, item.standfirst, (item.pdfHref ?? '').replace(/[-_.]+/g, ' ')]) {
        texts.push({ section: 'header', field: 'latestNews', text, where });
      }
    }
  }
  return texts;
}

/** Every protected-person finding of the release as an export in `context` would publish it. */
export function protectedFindingsOf(release: Release, context: PublicationContext): Finding[] {
  const people = compileProtectedPeople(release.anonymityList);
  if (people.length === 0) return [];
  return unique(
    protectedPersonFindings([...textFields(release), ...publicationTexts(release, context)], people),
  );
}

/** Only what any export, draft or final, publishes: its file name. */
export function fileNameFindings(release: Release): Finding[] {
  return unique(protectedPersonFindings(fileNameTexts(release), release.anonymityList));
}

function unique(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = findingKey(finding);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Throws the refusal (StoreError `refused`, details.privacy = 'protected-person') unless `actor` may take `step`;
 * answers the decision that lets it through, if one was needed.
 */
export function assertPrivacyCleared(input: {
  release: Release;
  findings: readonly Finding[];
  actor: Pick<Person, 'id'>;
  step: PrivacyStep;
}): PrivacyDecision | null {
  const { release } = input;
  const clearance = privacyClearance({
    releaseId: release.id,
    findings: input.findings,
    decisions: release.privacyDecisions,
    contentHash: contentHash(release),
    actor: input.actor,
    editedSinceApproval: release.editedSinceApproval,
    step: input.step,
  });
  if (!clearance.ok) {
    throw new StoreError('refused', clearance.reason, {
      privacy: 'protected-person',
      findings: clearance.findings.length,
    });
  }
  return clearance.decision;
}

export interface PrivacyService {
  /**
   * Findings that need the workspace, for the editor: jigsaw warnings from other releases, and protected names in
   * what an export publishes beyond the release's own fields (file name, logo text, organisation, Latest news).
   */
  workspaceFindings(id: string): Promise<Finding[]>;
  /** A decision to publish anyway by `actor`, over the text of `revision`, with a reason (and an audit entry). */
  recordDecision(request: { id: string; revision: number; reason: string }, actor: Person): Promise<Release>;
}

export function createPrivacyService(parts: {
  store: WorkspaceStore;
  audit: AuditTrail;
  now?: () => Date;
}): PrivacyService {
  const { store, audit } = parts;
  const now = parts.now ?? (() => new Date());

  /** The publication context of the workspace now: profile, logo, the releases for "Latest news". */
  async function context(): Promise<PublicationContext> {
    const [description, allReleases] = await Promise.all([store.describe(), store.readAll('releases')]);
    return {
      profile: description.profile,
      logo: description.logoDataUrl !== null,
      allReleases,
      latestNewsCount: description.settings.latestNewsCount,
      now: now(),
    };
  }

  return {
    async workspaceFindings(id) {
      const release = await store.get(id);
      // Both kinds of finding are about the release's protected people: without any, the library is not read.
      const people = compileProtectedPeople(release.anonymityList);
      if (people.length === 0) return [];
      const publishing = await context();
      // The release's own fields are checked in the editor as the writer types; these are the rest.
      const beyond = unique(protectedPersonFindings(publicationTexts(release, publishing), people));
      return [...beyond, ...jigsawFindings(release, publishing.allReleases ?? [])];
    },

    async recordDecision({ id, revision, reason }, actor) {
      const publishing = await context();
      let decision: PrivacyDecision | undefined;
      let messages: string[] = [];
      const saved = await store.update(id, revision, (stored) => {
        const findings = protectedFindingsOf(stored, publishing);
        const may = mayRecordPrivacyDecision({
          actor,
          findings,
          editedSinceApproval: stored.editedSinceApproval,
          reason,
        });
        if (!may.ok) throw new StoreError('refused', may.reason);
        const hash = contentHash(stored);
        decision = makePrivacyDecision({
          releaseId: stored.id,
          actor,
          at: now().toISOString(),
          contentHash: hash,
          reason,
          findings,
        });
        messages = findings.map((finding) => finding.message);
        return {
          ...stored,
          // One standing decision per person: a second one replaces the first (it covers what is found now).
          privacyDecisions: [
            ...decisionsStanding(stored.privacyDecisions, hash).filter((d) => d.personId !== actor.id),
            decision,
          ],
        };
      });
      const recorded = decision!;
      const list = messages.join('\n');
      await audit.append(id, {
        actor: { id: actor.id, name: actor.name },
        event: 'privacy-override',
        details: {
          action: 'recorded',
          reason: recorded.reason,
          contentHash: recorded.contentHash,
          revision: saved.revision,
          covers: recorded.covers.length,
          findings: list.length > 4000 ? `${list.slice(0, 4000)}…` : list,
        },
      });
      return saved;
    },
  };
}
