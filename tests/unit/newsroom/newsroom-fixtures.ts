import { RELEASE_TYPES, type Release, type ReleaseStatus } from '../../../src-shared/release/schema';
import { release } from '../export/fixtures';

/**
 * A newsroom's worth of releases (issue 17): 24 published releases of every type over several months and areas,
 * one embargoed until 18 March 2025 00:01 (held back before then), one whose embargo lifted long ago, a draft and a
 * withdrawn release that must not appear, and one approved but never exported as final.
 */

export const AREAS = ['Ashford', 'Maidstone', 'Canterbury', 'Dover', 'Roads policing', 'Appeals'];
const TOWNS = ['Ashford', 'Maidstone', 'Canterbury', 'Dover', 'Folkestone', 'Tonbridge'];

/** Before the embargo of r-embargo-later lifts, and after it. */
export const BEFORE_LIFT = new Date('2025-03-17T12:00:00Z');
export const AFTER_LIFT = new Date('2025-03-18T09:00:00Z');

export function newsroomReleases(): Release[] {
  const published: Release[] = Array.from({ length: 24 }, (_, index) => {
    const town = TOWNS[index % TOWNS.length]!;
    const month = String(1 + (index % 12)).padStart(2, '0');
    const day = String(1 + ((index * 7) % 27)).padStart(2, '0');
    const year = index < 12 ? 2024 : 2023;
    return release(
      {
        id: `r-news${String(index).padStart(2, '0')}`,
        headline: `${town} ${['road closure', 'appeal for witnesses', 'man charged', 'patrols stepped up'][index % 4]} number ${index + 1}`,
        standfirst: `Officers in ${town} gave an update on the case on day ${index + 1}.`,
        createdAt: `${year}-${month}-${day}T08:00:00.000Z`,
        updatedAt: `${year}-${month}-${day}T09:00:00.000Z`,
        canonicalUrl: '',
        header: {
          type: RELEASE_TYPES[index % RELEASE_TYPES.length]!,
          organisation: 'Northshire Police',
          releaseDate: `${year}-${month}-${day}T${String(8 + (index % 9)).padStart(2, '0')}:30`,
          timeZone: 'Europe/London',
          embargo: null,
          reference: `NP-${year}-${index}`,
          tags: [AREAS[index % AREAS.length]!, ...(index % 3 === 0 ? ['Appeals'] : [])],
        },
      },
      'published',
    );
  });
  const embargoed = (id: string, until: string, headline: string) =>
    release(
      {
        id,
        headline,
        standfirst: 'Embargoed news.',
        canonicalUrl: '',
        updatedAt: '2025-03-10T09:00:00.000Z',
        header: {
          type: 'embargoed-release',
          organisation: 'Northshire Police',
          releaseDate: until,
          timeZone: 'Europe/London',
          embargo: { until, timeZone: 'Europe/London' },
          reference: 'NP-EMB',
          tags: ['Dover'],
        },
      },
      'published',
    );
  const other = (id: string, status: ReleaseStatus, headline: string) =>
    release({ id, headline, canonicalUrl: '', header: { ...release().header, embargo: null } }, status);
  return [
    ...published,
    embargoed('r-embargo-later', '2025-03-18T00:01', 'Embargoed figures on road deaths'),
    embargoed('r-embargo-lifted', '2024-12-01T00:01', 'Lifted embargo on knife crime figures'),
    other('r-draft', 'draft', 'Draft that must not appear'),
    other('r-withdrawn', 'withdrawn', 'Withdrawn release that must not appear'),
    other('r-approved', 'approved', 'Approved but not exported'),
  ];
}
