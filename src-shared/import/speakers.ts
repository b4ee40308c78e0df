/**
 * Who said a quotation, as UK releases write it:
 *
 *   Detective Inspector Jane Smith, of Northshire Police, said: “…”
 *   Jane Smith, Director of Housing at Northshire County Council, said:
 *   IOPC regional director Charmaine Arbouin said:
 *   “…,” said Sam Patel, Chief Executive of Northshire Hospitals.
 *
 * split into the quote's speaker name, role and organisation, so that Pressroom prints it back in house style
 * ("Role Name, of Organisation, said:").
 */

export interface Speaker {
  speakerName: string;
  speakerRole: string;
  organisation: string;
}

/** Words of a rank or office written before a name: they belong to the role, not the name. */
const RANK_WORDS = new Set(
  [
    'detective',
    'police',
    'chief',
    'deputy',
    'assistant',
    'acting',
    'temporary',
    'inspector',
    'sergeant',
    'constable',
    'superintendent',
    'commander',
    'commissioner',
    'councillor',
    'cllr',
    'mayor',
    'leader',
    'director',
    'head',
    'officer',
    'investigating',
    'senior',
    'executive',
    'manager',
    'minister',
    'secretary',
    'chair',
    'chairman',
    'chairwoman',
    'chairperson',
    'president',
    'governor',
    'headteacher',
    'principal',
    'coroner',
    'judge',
    'recorder',
    'magistrate',
    'regional',
    'national',
    'station',
    'watch',
    'group',
    'area',
    'fire',
    'crew',
    'of',
    'for',
    'and',
    'the',
  ].map((word) => word.toLowerCase()),
);

/** A word of a name: capitalised (O'Neill, Smith-Jones, McDonald), or a particle inside a name. */
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|de|da|van|von|der|den|le|la|bin|al|ap)$/u;

/** "Detective Inspector Jane Smith" -> role "Detective Inspector", name "Jane Smith"; "Jane Smith" -> name only. */
function splitRankAndName(part: string): { rank: string; name: string } {
  const words = part.trim().split(/\s+/).filter(Boolean);
  let start = words.length;
  while (start > 0) {
    const word = words[start - 1]!;
    if (!NAME_WORD.test(word) || RANK_WORDS.has(word.toLowerCase())) break;
    start--;
  }
  // A name is at least one capitalised word; "the chief constable" names nobody.
  if (start === words.length) return { rank: words.join(' '), name: '' };
  return { rank: words.slice(0, start).join(' '), name: words.slice(start).join(' ') };
}

/** "Director of Housing at Northshire County Council" -> role and organisation; "of Northshire Police" -> organisation. */
function splitRoleAndOrganisation(part: string): { role: string; organisation: string } {
  const text = part.trim();
  const of = /^(?:of|from|at)\s+(?:the\s+)?(.+)$/i.exec(text);
  if (of) return { role: '', organisation: of[1]!.trim() };
  const at = /^(.+?)\s+(?:at|from)\s+(?:the\s+)?(\p{Lu}.+)$/u.exec(text);
  if (at) return { role: at[1]!.trim(), organisation: at[2]!.trim() };
  return { role: text, organisation: '' };
}

/**
 * The parts of an attribution such as "Jane Smith, Director of X at Y" (without "said"). A part that holds a name
 * gives the speaker (and any rank before the name joins the role); the others give role and organisation.
 */
export function splitSpeaker(attribution: string): Speaker {
  const parts = attribution
    .replace(/\s+/g, ' ')
    .replace(/^[,\s]+|[,\s]+$/g, '')
    .split(/\s*,\s*/)
    .filter(Boolean);
  let name = '';
  let rank = '';
  const roles: string[] = [];
  let organisation = '';
  for (const part of parts) {
    if (!name) {
      const found = splitRankAndName(part);
      if (found.name) {
        name = found.name;
        rank = found.rank;
        continue;
      }
    }
    const { role, organisation: org } = splitRoleAndOrganisation(part);
    if (role) roles.push(role);
    if (org && !organisation) organisation = org;
  }
  // "Jane Smith, Director of X": the role after the comma. Without one, a rank before the name is the role
  // ("Detective Inspector"); with one, the rank stays with the name ("Councillor Priya Shah, Cabinet Member…").
  if (roles.length > 0) {
    return {
      speakerName: [rank, name].filter(Boolean).join(' '),
      speakerRole: roles.join(', '),
      organisation,
    };
  }
  return { speakerName: name, speakerRole: rank, organisation };
}

const SAID = '(?:said|says|added|explained|commented|continued|stated|told\\s+\\S+)';
/** "X said: …", "X, of Y, said:" — the attribution first, the quotation (if any) after the colon. */
const LEADING = new RegExp(`^([^“"‘]{2,300}?),?\\s+${SAID}\\s*:\\s*(.*)$`, 'su');
/** "“…,” said X." and "“…,” X said." — the quotation first. */
const TRAILING_SAID_NAME = new RegExp(`^(["“].+?[,.!?]?["”])\\s*${SAID}\\s+(.{2,300}?)\\.?$`, 'su');
const TRAILING_NAME_SAID = new RegExp(`^(["“].+?[,.!?]?["”])\\s*([^"“”]{2,200}?)\\s+${SAID}\\.?$`, 'su');

/** "He added:", "She continued:", "Mr Smith added:": the speaker of the quote before goes on. */
const CONTINUATION =
  /^(?:he|she|they|(?:mr|mrs|ms|miss|mx|dr)\.?\s+\p{Lu}[\p{L}'’-]*)\s+(?:added|continued|went\s+on|also\s+said|said)\s*:\s*(.*)$/isu;

export type Attribution =
  { kind: 'speaker'; speaker: Speaker; quotation: string } | { kind: 'continuation'; quotation: string };

/**
 * Whether a paragraph attributes a quotation, and to whom. `text` is the paragraph in inline markup; the quotation
 * keeps its markup, the speaker is read from the plain text. Null for any other paragraph, including one that
 * reports speech without quoting it ("The council said the road would reopen." has no colon and no marks).
 */
export function readAttribution(text: string, plain: (markup: string) => string): Attribution | null {
  const trimmed = text.trim();
  const continuation = CONTINUATION.exec(trimmed);
  if (continuation) return { kind: 'continuation', quotation: continuation[1]!.trim() };
  const leading = LEADING.exec(trimmed);
  if (leading) {
    const quotation = leading[2]!.trim();
    // "The court heard that he said: …" is reporting, not attributing: the part before must be short.
    const who = plain(leading[1]!).trim();
    if (who.split(/\s+/).length > 25) return null;
    // Without a quotation after the colon the next paragraphs must be the quotation; with one it must be in marks.
    if (quotation !== '' && !/^(?:\*{1,2})?["“‘]/.test(quotation)) return null;
    const speaker = splitSpeaker(who);
    if (!speaker.speakerName && !speaker.speakerRole && !speaker.organisation) return null;
    return { kind: 'speaker', speaker, quotation };
  }
  for (const pattern of [TRAILING_SAID_NAME, TRAILING_NAME_SAID]) {
    const trailing = pattern.exec(trimmed);
    if (!trailing) continue;
    const speaker = splitSpeaker(plain(trailing[2]!));
    if (!speaker.speakerName) continue;
    return { kind: 'speaker', speaker, quotation: trailing[1]!.trim() };
  }
  return null;
}

/** The quotation without the marks around it: Pressroom prints its own (“…” in UK style). */
export function stripQuotationMarks(text: string): string {
  let out = text.trim();
  const bold = /^(\*{1,2})([\s\S]*)\1$/.exec(out);
  if (bold) out = bold[2]!.trim();
  out = out.replace(/^["“‘]/, '').replace(/["”’]$/, '');
  // "…,” said X" left a comma where the sentence ended.
  return out.replace(/,$/, '.').trim();
}
