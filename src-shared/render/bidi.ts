/**
 * Bidirectional controls a writer's text may carry (pasted from a web page, or typed to hide something): the
 * embeddings and overrides LRE, RLE, LRO, RLO closed by PDF, and the isolates LRI, RLI, FSI closed by PDI. An
 * opener left open reorders everything after it up to the end of the paragraph: an unterminated RLO in a link's
 * label printed the rest of the sentence, and the next field, backwards. So every piece of writer text reaches a
 * page or a plain-text line balanced (balanceBidi): each opener closed within the piece, each closer that has no
 * opener in the piece dropped (a stray PDI could otherwise close an isolate of ours).
 */

const LRE = 0x202a;
const RLO = 0x202e;
const PDF = 0x202c;
const LRI = 0x2066;
const FSI = 0x2068;
const PDI = 0x2069;
const NEWLINE = 10;

/** Any bidi embedding, override or isolate control, opener or closer. */
export const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
const BIDI_CONTROL_OR_NEWLINE = /[\u202a-\u202e\u2066-\u2069\n]/g;

const EMBEDDING = 0;
const ISOLATE = 1;

/**
 * `text` with its bidi controls paired: what is still open at the end (or at a newline, where a plain-text reader
 * ends the bidi paragraph anyway) is closed there, innermost first; a PDF that closes no embedding and a PDI that
 * closes no isolate are dropped. A PDI also closes the embeddings opened inside its isolate, as the Unicode
 * algorithm does, made explicit here so that every consumer agrees. Text without controls is returned as it is
 * (one regular-expression test: this runs on every string the renderers print).
 */
export function balanceBidi(text: string): string {
  if (!BIDI_CONTROL.test(text)) return text;
  const open: number[] = [];
  let isolates = 0;
  let out = '';
  let last = 0;
  const closeAll = () => {
    let closers = '';
    while (open.length > 0) closers += open.pop() === ISOLATE ? '\u2069' : '\u202c';
    isolates = 0;
    return closers;
  };
  for (const match of text.matchAll(BIDI_CONTROL_OR_NEWLINE)) {
    const index = match.index;
    const code = text.charCodeAt(index);
    out += text.slice(last, index);
    last = index + 1;
    if (code === NEWLINE) {
      out += `${closeAll()}\n`;
    } else if (code >= LRE && code <= RLO && code !== PDF) {
      open.push(EMBEDDING);
      out += text[index];
    } else if (code >= LRI && code <= FSI) {
      open.push(ISOLATE);
      isolates++;
      out += text[index];
    } else if (code === PDF) {
      if (open.length > 0 && open[open.length - 1] === EMBEDDING) {
        open.pop();
        out += '\u202c';
      }
    } else if (code === PDI && isolates > 0) {
      // Closes the innermost isolate and whatever was embedded inside it (each popped once: linear).
      while (open.pop() === EMBEDDING) out += '\u202c';
      isolates--;
      out += '\u2069';
    }
  }
  return out + text.slice(last) + closeAll();
}

/** Whether every opener of `text` is closed within it and every closer closes one (what balanceBidi makes). */
export function isBidiBalanced(text: string): boolean {
  return balanceBidi(text) === text;
}
