import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GROUP_MS, UndoSteps } from '../../../src-renderer/src/features/editor/undo-steps';

/** A release's content in small: text at the top, in list items, and in lists within list items. */
interface Content {
  headline: string;
  body: Array<{ id: string; text: string }>;
  quotes: Array<{ id: string; speaker: string; paragraphs: string[] }>;
}

/**
 * The history as it was kept before the typing shortcut: a whole copy of the content after every change. The
 * steps must come out the same, keystroke for keystroke.
 */
class WholeCopies {
  past: Content[] = [];
  future: Content[] = [];
  current: Content;
  lastTyped: number | null = null;
  constructor(initial: Content) {
    this.current = structuredClone(initial);
  }
  change(values: Content, how: { typing: boolean; now: number }): boolean {
    const could = [this.past.length > 0, this.future.length > 0];
    const next = structuredClone(values);
    if (!how.typing && JSON.stringify(next) === JSON.stringify(this.current)) return false;
    const sameStep =
      how.typing && this.lastTyped !== null && how.now - this.lastTyped <= GROUP_MS && this.past.length > 0;
    if (!sameStep) this.past.push(this.current);
    this.current = next;
    this.lastTyped = how.typing ? how.now : null;
    this.future = [];
    return could[0] !== this.past.length > 0 || could[1] !== this.future.length > 0;
  }
  startOver(values: Content): void {
    this.past = [];
    this.future = [];
    this.current = structuredClone(values);
    this.lastTyped = null;
  }
  undo(): Content | null {
    const previous = this.past.pop();
    if (!previous) return null;
    this.future.push(this.current);
    this.current = structuredClone(previous);
    this.lastTyped = null;
    return previous;
  }
  redo(): Content | null {
    const next = this.future.pop();
    if (!next) return null;
    this.past.push(this.current);
    this.current = structuredClone(next);
    this.lastTyped = null;
    return next;
  }
}

/** Every text field of `content` by its form path, as react-hook-form names them. */
function textPaths(content: Content): string[] {
  return [
    'headline',
    ...content.body.map((_, i) => `body.${i}.text`),
    ...content.quotes.flatMap((quote, i) => [
      `quotes.${i}.speaker`,
      ...quote.paragraphs.map((_, j) => `quotes.${i}.paragraphs.${j}`),
    ]),
  ];
}

function setText(content: Content, path: string, text: string): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  let place: Record<string, unknown> = content as unknown as Record<string, unknown>;
  for (const key of keys) place = place[key] as Record<string, unknown>;
  place[last] = text;
}

type Step =
  | { kind: 'type'; pick: number; text: string; after: number; named: boolean }
  | { kind: 'add' | 'remove' | 'move' | 'same'; pick: number }
  | { kind: 'undo' | 'redo' }
  | { kind: 'adopt'; headline: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      pick: fc.nat(),
      text: fc.string({ maxLength: 6 }),
      // Within a typing step, or after a pause that ends it.
      after: fc.oneof(fc.integer({ min: 0, max: GROUP_MS }), fc.integer({ min: GROUP_MS + 1, max: 5000 })),
      // A change the form does not name a field for is copied whole.
      named: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constantFrom('add', 'remove', 'move', 'same'), pick: fc.nat() }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('undo', 'redo') }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('adopt' as const), headline: fc.string({ maxLength: 4 }) }),
  },
);

const start = (): Content => ({
  headline: 'Start',
  body: [{ id: 'p1', text: 'One.' }],
  quotes: [{ id: 'q1', speaker: 'Ann', paragraphs: ['Said.', 'More.'] }],
});

describe('undo steps', () => {
  it('keep the same steps as whole copies after every change, for any run of typing, structure, undo and redo', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 60 }),
        // The form hands over its live values (changed in place from event to event) or a fresh copy each time.
        fc.boolean(),
        (steps, live) => {
          let form = start();
          const kept = new UndoSteps(form);
          const model = new WholeCopies(form);
          let now = 1000;
          let ids = 0;
          const handed = () => (live ? form : structuredClone(form));
          const changed = (how: { typing: boolean; field?: string }) => {
            const values = handed();
            const a = kept.change(values, { ...how, now });
            const b = model.change(values, { typing: how.typing, now });
            expect(a).toBe(b);
          };
          for (const s of steps) {
            switch (s.kind) {
              case 'type': {
                const paths = textPaths(form);
                const path = paths[s.pick % paths.length]!;
                now += s.after;
                setText(form, path, s.text);
                changed({ typing: true, field: s.named ? path : undefined });
                break;
              }
              case 'add':
                form.body.splice(s.pick % (form.body.length + 1), 0, { id: `n${ids++}`, text: '' });
                changed({ typing: false });
                break;
              case 'remove':
                if (form.body.length > 0) form.body.splice(s.pick % form.body.length, 1);
                changed({ typing: false });
                break;
              case 'move':
                form.body.reverse();
                changed({ typing: false });
                break;
              case 'same':
                changed({ typing: false });
                break;
              case 'undo':
              case 'redo': {
                const a = s.kind === 'undo' ? kept.undo() : kept.redo();
                const b = s.kind === 'undo' ? model.undo() : model.redo();
                expect(a).toEqual(b);
                // The form is reset to what was put back (react-hook-form copies it).
                if (a) form = structuredClone(a);
                break;
              }
              case 'adopt':
                form = { ...structuredClone(form), headline: s.headline };
                kept.startOver(handed());
                model.startOver(form);
                break;
            }
            expect([kept.canUndo, kept.canRedo]).toEqual([model.past.length > 0, model.future.length > 0]);
          }
          // Every step still kept comes back, in order, as the whole copies have it.
          for (;;) {
            const a = kept.undo();
            expect(a).toEqual(model.undo());
            if (!a) break;
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('takes a typing step back whole, with the text typed into the same field before it', () => {
    const form = start();
    const steps = new UndoSteps(form);
    form.body[0]!.text = 'One. Two';
    steps.change(form, { typing: true, field: 'body.0.text', now: 1000 });
    form.body[0]!.text = 'One. Two.';
    steps.change(form, { typing: true, field: 'body.0.text', now: 1100 });
    form.headline = 'Later';
    steps.change(form, { typing: true, field: 'headline', now: 5000 });
    expect(steps.undo()?.body[0]!.text).toBe('One. Two.');
    expect(steps.undo()?.body[0]!.text).toBe('One.');
    expect(steps.redo()?.body[0]!.text).toBe('One. Two.');
    expect(steps.redo()?.headline).toBe('Later');
  });
});
