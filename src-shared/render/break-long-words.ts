/**
 * Line-break offers inside very long words of the rendered page (render-release.ts); see breakLongWords.
 */

/** A run of this many characters without a space is wider than any line of the page. */
const LONG_WORD = 100;
const WORD_PIECE = 64;
const LONG_WORD_RUNS = /[^ \t\n\r\f<>]{100,}/g;

/**
 * Offers a line break (<wbr>) every 64 characters inside any run of text over 100 characters without a space (a
 * pasted hash, a long address as text, a hostile megabyte). Such a run is broken anyway (overflow-wrap), but
 * Chromium finds those breaks in time that grows with the square of the run when the face is kerned, as the
 * exported house font is: a 200,000-character word took minutes to print. With the offered breaks it stays linear.
 * Only text between tags is touched (an attribute value cannot hold "<" or ">", which are escaped), and never
 * inside a character reference.
 */
export function breakLongWords(html: string): string {
  // The preview calls this on every keystroke: one plain scan, and nothing more for an ordinary release.
  if (!hasLongTextRun(html)) return html;
  return html.replace(/>([^<]+)</g, (segment, text: string) =>
    hasLongTextRun(text) ? `>${text.replace(LONG_WORD_RUNS, pieces)}<` : segment,
  );
}

/** Whether text outside the tags has a run of LONG_WORD characters without a space (a logo's data URL does not count). */
function hasLongTextRun(html: string): boolean {
  let run = 0;
  let inTag = false;
  for (let i = 0; i < html.length; i++) {
    const code = html.charCodeAt(i);
    if (inTag) {
      if (code === 62 /* > */) inTag = false;
    } else if (code === 60 /* < */) {
      inTag = true;
      run = 0;
    } else if (code === 32 || code === 9 || code === 10 || code === 13 || code === 12) {
      run = 0;
    } else if (++run >= LONG_WORD) {
      return true;
    }
  }
  return false;
}

function pieces(run: string): string {
  const out: string[] = [];
  let start = 0;
  let count = 0;
  let i = 0;
  while (i < run.length) {
    const code = run.charCodeAt(i);
    let next = i + 1;
    if (code === 38 /* & */) {
      const end = run.indexOf(';', i);
      if (end > i && end - i <= 12) next = end + 1;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < run.length) {
      const low = run.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) next = i + 2;
    }
    i = next;
    if (++count === WORD_PIECE && i < run.length) {
      out.push(run.slice(start, i));
      start = i;
      count = 0;
    }
  }
  out.push(run.slice(start));
  return out.join('<wbr>');
}
