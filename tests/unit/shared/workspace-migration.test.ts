import { describe, expect, it } from 'vitest';
import { GOVUK_WORDS_TO_AVOID_LIST } from '../../../src-shared/checks/govuk-words-to-avoid';
import { migrateWorkspace } from '../../../src-shared/release/migrate';
import {
  DEFAULT_HOUSE_STYLE,
  DEFAULT_PROFILE,
  DEFAULT_SETTINGS,
  WORKSPACE_SCHEMA_VERSION,
  WorkspaceFileSchema,
} from '../../../src-shared/release/schema';

/** A profile as version 2 wrote it: no house-style settings. */
function v2Profile(wordsToAvoid: string[]) {
  const { houseStyle: _none, ...profile } = { ...DEFAULT_PROFILE, name: 'Northshire Police', wordsToAvoid };
  return profile;
}

describe('workspace.json version 2 -> 3: house-style settings', () => {
  it('is the current version', () => {
    expect(WORKSPACE_SCHEMA_VERSION).toBe(3);
  });

  it('gives an older profile every house-style check, on, with the standard acronyms', () => {
    const v2 = { schemaVersion: 2, profile: v2Profile([]), settings: DEFAULT_SETTINGS, people: [] };
    const migrated = WorkspaceFileSchema.parse(migrateWorkspace(v2));
    expect(migrated.schemaVersion).toBe(3);
    expect(migrated.profile.houseStyle).toEqual(DEFAULT_HOUSE_STYLE);
    expect(migrated.profile.name).toBe('Northshire Police');
  });

  it('keeps the workspace’s own words to avoid, even an empty list: GOV.UK’s list is only for new workspaces', () => {
    for (const words of [[], ['alleged victim', 'perpetrator']]) {
      const v2 = { schemaVersion: 2, profile: v2Profile(words), settings: DEFAULT_SETTINGS, people: [] };
      expect(WorkspaceFileSchema.parse(migrateWorkspace(v2)).profile.wordsToAvoid).toEqual(words);
    }
    expect(DEFAULT_PROFILE.wordsToAvoid).toEqual(GOVUK_WORDS_TO_AVOID_LIST);
  });

  it('leaves house-style settings that are already there, and does not share the default list', () => {
    const own = { ...DEFAULT_HOUSE_STYLE, times: false, knownAcronyms: ['NOPC'] };
    const v2 = {
      schemaVersion: 2,
      profile: { ...v2Profile([]), houseStyle: own },
      settings: DEFAULT_SETTINGS,
      people: [],
    };
    expect(WorkspaceFileSchema.parse(migrateWorkspace(v2)).profile.houseStyle).toEqual(own);

    const fresh = migrateWorkspace({
      schemaVersion: 2,
      profile: v2Profile([]),
      settings: DEFAULT_SETTINGS,
      people: [],
    });
    const { houseStyle } = (fresh as { profile: { houseStyle: { knownAcronyms: string[] } } }).profile;
    houseStyle.knownAcronyms.push('XYZ');
    expect(DEFAULT_HOUSE_STYLE.knownAcronyms).not.toContain('XYZ');
  });

  it('takes a version 0 file all the way up, and does not touch a current one', () => {
    const v0 = { profile: v2Profile(['utilise']), settings: { allowSelfApproval: true } };
    const migrated = WorkspaceFileSchema.parse(migrateWorkspace(v0));
    expect(migrated.schemaVersion).toBe(WORKSPACE_SCHEMA_VERSION);
    expect(migrated.profile.houseStyle).toEqual(DEFAULT_HOUSE_STYLE);
    expect(migrated.profile.wordsToAvoid).toEqual(['utilise']);
    expect(migrated.settings.allowSelfApproval).toBe(true);

    const current = { schemaVersion: 3, profile: DEFAULT_PROFILE, settings: DEFAULT_SETTINGS, people: [] };
    expect(migrateWorkspace(current)).toBe(current);
  });

  it('a version 2 file without a profile is handed on for validation to report', () => {
    const broken = { schemaVersion: 2, settings: DEFAULT_SETTINGS, people: [] };
    expect(WorkspaceFileSchema.safeParse(migrateWorkspace(broken)).success).toBe(false);
  });
});
