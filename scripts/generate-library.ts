/**
 * Generates a workspace of N releases (default 10,000) for the library bench and for trying the app at the size
 * of a busy press office's archive (issue 15):
 *
 *   node --import tsx scripts/generate-library.ts <folder> [count] [--seed=N] [--user-data=<folder>]
 *
 * Each release is written through the store's own revision writer (revisions.ts `addRevision`), so the files are
 * exactly what the app writes: one revision per release under releases/<id>/. The text is realistic UK police and
 * council press-release prose: eight paragraphs (five body, a quote, two background), dates over six years, every
 * status and type, area tags. The vocabulary is drawn from pools of very different sizes, so that the library has
 * common words (in most releases), middling ones and rare ones (a few releases), as a real archive has; a
 * seeded generator makes the same library every time.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBlankRelease } from '../src-shared/release/new-release';
import { RELEASE_STATUSES } from '../src-shared/release/status';
import { DEFAULT_PROFILE, RELEASE_TYPES, type Release } from '../src-shared/release/schema';
import { workspaceLayout, type WorkspaceLayout } from '../src-main/services/workspace/layout';
import { addRevision } from '../src-main/services/workspace/revisions';
import { mapLimit } from '../src-main/services/workspace/map-limit';

/** Mulberry32: small, fast and seedable, so that two runs make the same library. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOWNS = [
  'Ashford',
  'Maidstone',
  'Canterbury',
  'Dover',
  'Folkestone',
  'Tonbridge',
  'Sevenoaks',
  'Gravesend',
  'Dartford',
  'Margate',
  'Ramsgate',
  'Whitstable',
  'Faversham',
  'Sittingbourne',
  'Chatham',
  'Rochester',
  'Gillingham',
  'Tunbridge Wells',
  'Deal',
  'Sandwich',
  'Hythe',
  'Tenterden',
  'Cranbrook',
  'Herne Bay',
  'Broadstairs',
];
const ROADS = [
  'High Street',
  'Station Road',
  'London Road',
  'Church Lane',
  'Mill Road',
  'Park Avenue',
  'Victoria Road',
  'Queen Street',
  'the A20',
  'the M20',
  'the A2',
  'the A28',
  'Castle Hill',
  'Bank Street',
  'Marine Parade',
];
const FIRST = [
  'Sarah',
  'James',
  'Priya',
  'Tom',
  'Aisha',
  'David',
  'Emma',
  'Kwame',
  'Rachel',
  'Owen',
  'Siobhan',
  'Mark',
  'Zoë',
  'Chloé',
  'Liam',
  'Fatima',
  'Gareth',
  'Nadia',
  'Peter',
  'Hannah',
];
const LAST = [
  'Thompson',
  'Patel',
  'Okafor',
  'Hughes',
  'Brennan',
  'Clarke',
  'Davies',
  'Müller',
  'Nowak',
  'Evans',
  'Khan',
  'Wright',
  'Fitzgerald',
  'Lewis',
  'Harrison',
  'Ahmed',
  'Murphy',
  'Shaw',
  'Byrne',
  'Wood',
];
const ROLES = [
  'Detective Inspector',
  'Detective Sergeant',
  'Chief Inspector',
  'Superintendent',
  'Police Constable',
  'Chief Superintendent',
  'Cabinet Member for Community Safety',
  'Head of Licensing',
  'Council Leader',
];
const OFFENCES = [
  'burglary',
  'theft from a vehicle',
  'assault',
  'robbery',
  'criminal damage',
  'fraud',
  'arson',
  'dangerous driving',
  'drug supply',
  'possession of an offensive weapon',
  'shoplifting',
  'harassment',
  'stalking',
  'handling stolen goods',
  'causing death by careless driving',
  'money laundering',
];
const OUTCOMES = [
  'was sentenced to four years in prison',
  'was jailed for eighteen months',
  'received a suspended sentence',
  'was ordered to pay compensation',
  'was given a community order',
  'had the case dismissed',
  'was found not guilty',
  'was remanded in custody',
  'was released on bail',
  'was dismissed from the force',
];
const TAGS = [
  'Ashford',
  'Maidstone',
  'Canterbury',
  'Dover',
  'Thanet',
  'Swale',
  'Medway',
  'Roads policing',
  'Burglary',
  'Fraud',
  'Knife crime',
  'Appeals',
  'Courts',
  'Community',
  'Licensing',
  'Youth',
  'Rural crime',
  'Cyber',
];
/** Common words: in most releases, as they are in any office's prose. */
const COMMON = [
  'officers',
  'investigation',
  'community',
  'residents',
  'public',
  'information',
  'enquiries',
  'evidence',
  'incident',
  'area',
  'local',
  'support',
  'reported',
  'arrested',
  'charged',
  'court',
  'safety',
  'patrols',
];
/** Rare words: each in a handful of releases, the kind people search the archive for. */
const RARE = [
  'ferret',
  'trebuchet',
  'marquee',
  'allotment',
  'narrowboat',
  'saxophone',
  'greenhouse',
  'pigeon',
  'llama',
  'tractor',
  'lighthouse',
  'bandstand',
  'windmill',
  'hovercraft',
  'scarecrow',
  'beehive',
  'rowing boat',
  'vintage motorcycle',
  'church organ',
  'garden gnome',
  'café terrace',
  'crème brûlée',
  'naïve scheme',
];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface Story {
  town: string;
  road: string;
  offence: string;
  outcome: string;
  officer: string;
  role: string;
  defendant: string;
  age: number;
  day: string;
  reference: string;
  rare: string | null;
}

function paragraph(random: () => number, story: Story, kind: number): string {
  const common = () => pick(random, COMMON);
  const rare = story.rare && random() < 0.25 ? ` A ${story.rare} was also found at the scene.` : '';
  switch (kind % 8) {
    case 0:
      return `Officers were called to ${story.road} in ${story.town} at around ${1 + Math.floor(random() * 11)}.${String(Math.floor(random() * 6))}0pm on ${story.day} following reports of ${story.offence}. Local ${common()} and ${common()} were involved from the start.${rare}`;
    case 1:
      return `${story.defendant}, aged ${story.age}, of ${pick(random, TOWNS)}, was arrested shortly afterwards and later charged with ${story.offence}. At a hearing at ${pick(random, TOWNS)} Crown Court the defendant ${story.outcome}.`;
    case 2:
      return `The ${common()} has been led by ${story.role} ${story.officer}, whose team reviewed CCTV, spoke to witnesses and gathered ${common()} from across the ${common()}. Neighbours described the ${common()} as unsettling and welcomed extra ${common()}.`;
    case 3:
      return `Anyone with information about the ${story.offence} in ${story.town}, or who has dashcam, doorbell or mobile phone footage of ${story.road} at the time, is asked to call 101 quoting reference ${story.reference}. Information can also be given anonymously to Crimestoppers.`;
    case 4:
      return `${sentenceCase(common())} patrols will continue in ${story.town} over the coming weeks while ${common()} are carried out. Residents can speak to officers at the drop-in session at the ${pick(random, ['library', 'community centre', 'village hall', 'leisure centre'])} on ${pick(random, ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'])}.${rare}`;
    case 5:
      return `The ${common()} follows a rise in reports of ${pick(random, OFFENCES)} across ${pick(random, TOWNS)} and ${pick(random, TOWNS)} during the past ${pick(random, ['month', 'year', 'summer', 'winter'])}, and forms part of a wider operation to protect ${common()}.`;
    case 6:
      return `Partners including the borough council, the fire and rescue service and local schools have supported the ${common()}. Advice on protecting homes, vehicles and bank accounts is available on the force website.`;
    default:
      return `Victims of ${pick(random, OFFENCES)} can get free, confidential support from the Victim Support service whether or not they report the crime to the police. ${sentenceCase(common())} officers are also available to visit ${common()} at home.`;
  }
}

/** One release, written as the app would write it (a blank release of the type, filled in). */
export function generateRelease(random: () => number, id: string, index: number): Release {
  const type = pick(random, RELEASE_TYPES);
  // Spread over six years, newest last, with a little disorder as real archives have.
  const start = Date.UTC(2020, 0, 1);
  const at = new Date(start + (index + random() * 20) * 5 * 60 * 60 * 1000 * 1.05);
  let part = 0;
  const makeId = () => `p-${id.slice(2, 8)}${(part++).toString(36)}`;
  const blank = createBlankRelease({ id, type, profile: DEFAULT_PROFILE, now: at, makeId });
  const story: Story = {
    town: pick(random, TOWNS),
    road: pick(random, ROADS),
    offence: pick(random, OFFENCES),
    outcome: pick(random, OUTCOMES),
    officer: `${pick(random, FIRST)} ${pick(random, LAST)}`,
    role: pick(random, ROLES),
    defendant: `${pick(random, FIRST)} ${pick(random, LAST)}`,
    age: 18 + Math.floor(random() * 60),
    day: at.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long' }),
    reference: `${String(index).padStart(5, '0')}/${at.getUTCFullYear()}`,
    rare: random() < 0.15 ? pick(random, RARE) : null,
  };
  const body = [0, 1, 2, 3, 4].map((kind) => ({ id: makeId(), text: paragraph(random, story, kind) }));
  const headline = `${sentenceCase(story.offence)} in ${story.town}: ${pick(random, [
    'man charged',
    'appeal for witnesses',
    'sentence handed down',
    'patrols stepped up',
    'woman arrested',
    'police update',
    'statement from the force',
  ])}${story.rare && random() < 0.2 ? ` after ${story.rare} incident` : ''}`;
  const updated = new Date(at.getTime() + random() * 3 * 24 * 60 * 60 * 1000);
  const statuses = RELEASE_STATUSES;
  // Most of an archive is published; the rest is spread over the other states.
  const status = random() < 0.6 ? 'published' : pick(random, statuses);
  const tagCount = 1 + Math.floor(random() * 3);
  const tags = [...new Set(Array.from({ length: tagCount }, () => pick(random, TAGS)))];
  const date = `${at.toISOString().slice(0, 10)}T${String(8 + Math.floor(random() * 10)).padStart(2, '0')}:${pick(random, ['00', '15', '30', '45'])}`;
  return {
    ...blank,
    createdAt: at.toISOString(),
    updatedAt: updated.toISOString(),
    status,
    header: { ...blank.header, releaseDate: date, reference: story.reference, tags },
    headline: headline.slice(0, 200),
    standfirst: `${story.role} ${story.officer} said the ${pick(random, COMMON)} into ${story.offence} in ${story.town} was making progress.`,
    body,
    quotes: [
      {
        id: makeId(),
        speakerName: story.officer,
        speakerRole: story.role,
        organisation: DEFAULT_PROFILE.name,
        paragraphs: [
          `"We know how much ${story.offence} affects people in ${story.town}, and we will keep working with ${pick(random, COMMON)} to bring offenders to justice. I would urge anyone who saw anything to come forward."`,
        ],
        afterParagraphId: body[2]!.id,
      },
    ],
    background: [5, 6].map((kind) => ({ id: makeId(), text: paragraph(random, story, kind) })),
  };
}

/** Writes `count` releases into the workspace folder; answers their ids. */
export async function generateLibrary(
  folder: string,
  options: { count?: number; seed?: number; userData?: string | null } = {},
): Promise<{ layout: WorkspaceLayout; ids: string[] }> {
  const count = options.count ?? 10_000;
  const random = seededRandom(options.seed ?? 15);
  const layout = workspaceLayout(folder, options.userData);
  await mkdir(layout.folder('releases'), { recursive: true });
  await mkdir(layout.folder('trash'), { recursive: true });
  const releases = Array.from({ length: count }, (_, index) =>
    generateRelease(random, `r-gen${index.toString(36).padStart(6, '0')}`, index),
  );
  await mapLimit(releases, 16, async (release) => {
    await addRevision(layout, {
      release: { ...release, revision: 1 },
      parents: [],
      above: [],
      why: 'created',
      person: null,
      savedAt: release.updatedAt,
    });
  });
  return { layout, ids: releases.map((release) => release.id) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flags = new Map(
    args.filter((arg) => arg.startsWith('--')).map((arg) => arg.slice(2).split('=') as [string, string]),
  );
  const [folder, count] = args.filter((arg) => !arg.startsWith('--'));
  if (!folder) {
    console.error(
      'Usage: node --import tsx scripts/generate-library.ts <folder> [count] [--seed=N] [--user-data=<folder>]',
    );
    process.exit(2);
  }
  const started = performance.now();
  const { ids } = await generateLibrary(resolve(folder), {
    count: count ? Number(count) : undefined,
    seed: flags.has('seed') ? Number(flags.get('seed')) : undefined,
    userData: flags.get('user-data') ?? null,
  });
  console.log(
    `${ids.length} releases written to ${resolve(folder)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
