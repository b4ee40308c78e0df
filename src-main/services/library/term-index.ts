import SearchableMap from 'minisearch/SearchableMap';

/**
 * A boolean inverted index for the library (issue 15): for each word, which releases hold it; nothing else. The
 * library sorts its rows by date or headline, never by relevance, so term frequencies, field lengths and the
 * per-release data a ranking needs are not kept. MiniSearch kept them, one Map entry per (word, release): at 10,000
 * releases, 1.8 million of them, 93 MB of heap and about 150 MB resident; here each posting is 4 bytes.
 *
 *  - The words are in MiniSearch's radix tree (SearchableMap), which gives the words a prefix starts (`atPrefix`)
 *    for search as you type.
 *  - A release has an ordinal, given in the order releases arrive; a word's postings are the ordinals of the
 *    releases holding it, ascending, in a growable Uint32Array. A word of one release (most words of a real archive:
 *    names, references) keeps the bare ordinal, with no array.
 *  - A release saved again gets a new ordinal (so postings stay ascending, appended at the end); its old ordinal,
 *    like a deleted release's, is a tombstone until enough have gathered, then every list is compacted at once.
 */

/** A word's releases: one ordinal, or a list of them. */
type Postings = number | PostingList;

class PostingList {
  ordinals: Uint32Array;
  length: number;

  constructor(first: number, second: number) {
    this.ordinals = new Uint32Array(4);
    this.ordinals[0] = first;
    this.ordinals[1] = second;
    this.length = 2;
  }

  push(ordinal: number): void {
    if (this.length === this.ordinals.length) {
      const grown = new Uint32Array(this.ordinals.length * 2);
      grown.set(this.ordinals);
      this.ordinals = grown;
    }
    this.ordinals[this.length++] = ordinal;
  }

  /** Drops the room kept for growth (after a bulk build, when most lists are complete). */
  trim(): void {
    if (this.ordinals.length > this.length) this.ordinals = this.ordinals.slice(0, this.length);
  }
}

/** Tombstones are compacted once there are this many... */
const COMPACT_FROM = 16;
/** ...and they are this share of the live releases: the work is then paid for by that many saves. */
const COMPACT_SHARE = 0.25;

export class TermIndex {
  private readonly words = new SearchableMap<Postings>();
  /** Release ids by ordinal; null for a tombstone. */
  private ids: Array<string | null> = [];
  private readonly ordinals = new Map<string, number>();
  private tombstones = 0;

  /** Adds a release's words (already folded and split), replacing what it held before. */
  add(id: string, words: Iterable<string>): void {
    this.tombstone(id);
    const ordinal = this.ids.length;
    this.ids.push(id);
    this.ordinals.set(id, ordinal);
    for (const word of new Set(words)) {
      this.words.update(word, (postings) => {
        if (postings === undefined) return ordinal;
        if (typeof postings === 'number') return new PostingList(postings, ordinal);
        postings.push(ordinal);
        return postings;
      });
    }
    this.compactIfWorthIt();
  }

  remove(id: string): void {
    this.tombstone(id);
    this.compactIfWorthIt();
  }

  /** Drops the room kept for growth in every list: after a bulk build. */
  trim(): void {
    this.words.forEach((_, postings) => {
      if (typeof postings !== 'number') postings.trim();
    });
  }

  /**
   * The ids of the releases that hold, for every group, a word the group's prefix starts and `accepts` takes (AND
   * over the groups, OR within one), in the order they arrived.
   */
  holdingAll(groups: ReadonlyArray<{ prefix: string; accepts: (word: string) => boolean }>): string[] {
    let holding: Uint8Array | null = null;
    for (const { prefix, accepts } of groups) {
      const found = new Uint8Array(this.ids.length);
      let any = false;
      for (const [word, postings] of this.words.atPrefix(prefix)) {
        if (!accepts(word)) continue;
        if (typeof postings === 'number') {
          if (holding === null || holding[postings] === 1) {
            found[postings] = 1;
            any = true;
          }
          continue;
        }
        const { ordinals, length } = postings;
        for (let i = 0; i < length; i++) {
          const ordinal = ordinals[i]!;
          if (holding === null || holding[ordinal] === 1) {
            found[ordinal] = 1;
            any = true;
          }
        }
      }
      holding = found;
      if (!any) return [];
    }
    if (holding === null) return [];
    const ids: string[] = [];
    for (let ordinal = 0; ordinal < holding.length; ordinal++) {
      const id = this.ids[ordinal];
      if (holding[ordinal] === 1 && id !== null && id !== undefined) ids.push(id);
    }
    return ids;
  }

  private tombstone(id: string): void {
    const ordinal = this.ordinals.get(id);
    if (ordinal === undefined) return;
    this.ordinals.delete(id);
    this.ids[ordinal] = null;
    this.tombstones++;
  }

  private compactIfWorthIt(): void {
    if (this.tombstones < COMPACT_FROM || this.tombstones < this.ordinals.size * COMPACT_SHARE) return;
    // New ordinals in the same order: every list stays ascending.
    const renumbered = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    for (let ordinal = 0; ordinal < this.ids.length; ordinal++) {
      const id = this.ids[ordinal];
      if (id === null || id === undefined) continue;
      renumbered[ordinal] = ids.length;
      this.ordinals.set(id, ids.length);
      ids.push(id);
    }
    const replaced: Array<[word: string, postings: Postings | null]> = [];
    this.words.forEach((word, postings) => {
      if (typeof postings === 'number') {
        const ordinal = renumbered[postings]!;
        if (ordinal !== postings) replaced.push([word, ordinal === -1 ? null : ordinal]);
        return;
      }
      let kept = 0;
      for (let i = 0; i < postings.length; i++) {
        const ordinal = renumbered[postings.ordinals[i]!]!;
        if (ordinal !== -1) postings.ordinals[kept++] = ordinal;
      }
      postings.length = kept;
      if (kept <= 1) replaced.push([word, kept === 0 ? null : postings.ordinals[0]!]);
      else postings.trim();
    });
    for (const [word, postings] of replaced) {
      if (postings === null) this.words.delete(word);
      else this.words.set(word, postings);
    }
    this.ids = ids;
    this.tombstones = 0;
  }
}
