/**
 * Line-break offers inside very long words of the rendered page (render-release.ts); see breakLongWords.
 */

/** A run of this many characters without a space is wider than any line of the page. */
const LONG_WORD = 100;
const WORD_PIECE = 64;

/**
 * Elements that sit inside a line without offering a break at their edges: a word typed as `ab*cd*ef` is one word
 * on the page, `<em>` or not. Any other tag (a paragraph, a `<br>`, an image, a `<wbr>`) ends the run.
 */
export const INLINE_TAGS: ReadonlySet<string> = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'em',
  'i',
  'q',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
]);

/**
 * Offers a line break (<wbr>) every 64 characters inside any run of text over 100 characters without a space (a
 * pasted hash, a long address as text, a hostile megabyte). Such a run is broken anyway (overflow-wrap), but
 * Chromium finds those breaks in time that grows with the square of the run when the face is kerned, as the
 * exported house font is: a 200,000-character word took minutes to print. With the offered breaks it stays linear.
 *
 * A run is counted across inline tags: `*[*[*[…` renders as `<em>[</em>[<em>[…`, one word of 40,000 characters
 * whose pieces between tags are each one character long; counted per piece it got no break at all, and its PDF
 * took 11 s (47 s at 80,000). Only text between tags is touched (an attribute value cannot hold "<" or ">", which
 * are escaped), and never inside a character reference or a surrogate pair.
 *
 * One pass over the page, linear in its length; an ordinary release comes back as the same string.
 */
export function breakLongWords(html: string): string {
  const n = html.length;
  let out: string[] | null = null;
  /** html[0, flushed) is in `out` already. */
  let flushed = 0;
  /** Characters of text in the current run; where a break would go (html indices), every WORD_PIECE of them. */
  let run = 0;
  let cuts: number[] = [];
  /** Index just after the run's last character. */
  let runEnd = 0;

  const endRun = () => {
    if (run >= LONG_WORD) {
      out ??= [];
      for (const cut of cuts) {
        // No break after the last character: the run ends there anyway.
        if (cut >= runEnd) break;
        out.push(html.slice(flushed, cut), '<wbr>');
        flushed = cut;
      }
    }
    run = 0;
    if (cuts.length > 0) cuts = [];
  };

  let i = 0;
  while (i < n) {
    const code = html.charCodeAt(i);
    if (code === 60 /* < */) {
      const close = html.indexOf('>', i + 1);
      const end = close < 0 ? n : close + 1;
      if (!INLINE_TAGS.has(tagName(html, i + 1, end))) endRun();
      i = end;
      continue;
    }
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 62 /* > */) {
      endRun();
      i++;
      continue;
    }
    let next = i + 1;
    if (code === 38 /* & */) {
      // A character reference is one character, and is never cut ("&amp;" at most a dozen long).
      for (let j = i + 1; j < n && j - i <= 12; j++) {
        if (html.charCodeAt(j) === 59 /* ; */) {
          next = j + 1;
          break;
        }
      }
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      const low = html.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) next = i + 2;
    }
    i = next;
    runEnd = next;
    if (++run % WORD_PIECE === 0) cuts.push(next);
  }
  endRun();
  if (out === null) return html;
  (out as string[]).push(html.slice(flushed));
  return (out as string[]).join('');
}

/** The lower-case name of the tag whose "<" is just before `from` ("/em" gives "em"). */
function tagName(html: string, from: number, end: number): string {
  let start = from;
  if (html.charCodeAt(start) === 47 /* / */) start++;
  let stop = start;
  while (stop < end) {
    const c = html.charCodeAt(stop) | 0x20;
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57 && stop > start))) break;
    stop++;
  }
  return html.slice(start, stop).toLowerCase();
}
