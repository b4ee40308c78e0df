import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_METHODS, apiContract } from '../../../src-shared/api/contract';
import {
  call,
  createDispatcher,
  createWorkspaceHandlers,
  type ApiDispatcher,
} from '../../../src-main/services/api/dispatch';
import { openWorkspace } from '../../../src-main/services/workspace/store';
import { as } from './people';

let folder: string;
let dispatch: ApiDispatcher;
const logged: string[] = [];

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pressroom-api-'));
  const store = await openWorkspace(folder);
  dispatch = createDispatcher(createWorkspaceHandlers(store, as()), (message) => logged.push(message));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Inputs that no method accepts: wrong types, extra keys, hostile ids, prototype tricks. */
const MALFORMED: unknown[] = [
  null,
  42,
  'releases',
  [],
  { unexpected: true },
  { id: 42 },
  { id: '../../etc/passwd' },
  { id: 'a'.repeat(500) },
  { type: 'press-conference' },
  { release: { headline: 'only a headline' } },
  { release: null },
  JSON.parse('{"__proto__": {"polluted": true}, "id": "../x"}'),
];

describe('the API dispatcher', () => {
  it('knows every method of the contract and nothing else', () => {
    expect([...API_METHODS].sort()).toEqual(Object.keys(apiContract).sort());
  });

  it.each(API_METHODS)(
    '%s answers malformed input with an invalid-input error value, never a throw',
    async (method) => {
      for (const input of MALFORMED) {
        const isAcceptedEmpty = apiContract[method].input.safeParse(input ?? {}).success; // {} is valid for the list methods
        const result = await dispatch(method, input);
        if (isAcceptedEmpty) continue;
        expect(result.ok, `${method} with ${JSON.stringify(input)}`).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('invalid-input');
          expect(result.error.message).toMatch(/^The request was not valid\./);
          expect(result.error.message).not.toMatch(/at .*\.ts:\d+/); // no stack trace
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('answers an unknown method with an error value', async () => {
    for (const method of ['releases.drop', '__proto__', 'constructor', 'toString', 42, null]) {
      const result = await dispatch(method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });

  it('runs the whole path: create, save, list, delete, restore', async () => {
    const created = await call(dispatch, 'releases.create', { type: 'statement' });
    if (!created.ok) throw new Error(created.error.message);
    const saved = await call(dispatch, 'releases.save', {
      release: { ...created.value, headline: 'Statement on the ruling' },
    });
    expect(saved).toMatchObject({
      ok: true,
      value: { headline: 'Statement on the ruling', revision: created.value.revision + 1 },
    });
    const list = await call(dispatch, 'releases.list', {});
    expect(list.ok && list.value.map((r) => r.headline)).toEqual(['Statement on the ruling']);
    expect((await call(dispatch, 'releases.delete', { id: created.value.id })).ok).toBe(true);
    const trash = await call(dispatch, 'releases.listTrash', {});
    expect(trash.ok && trash.value.length).toBe(1);
    expect((await call(dispatch, 'releases.restore', { id: created.value.id })).ok).toBe(true);
  });

  it('turns a stale save into a conflict error value that names the kept copy', async () => {
    const created = await call(dispatch, 'releases.create', { type: 'news-release' });
    if (!created.ok) throw new Error(created.error.message);
    await call(dispatch, 'releases.save', { release: { ...created.value, headline: 'first' } });
    const stale = await call(dispatch, 'releases.save', {
      release: { ...created.value, headline: 'second' },
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!stale.ok) expect(String(stale.error.details?.conflictCopy)).toMatch(/^conflicts\//);
  });

  it('refuses a 5 MB paste with a readable message and does not touch the file', async () => {
    const created = await call(dispatch, 'releases.create', { type: 'news-release' });
    if (!created.ok) throw new Error(created.error.message);
    const result = await call(dispatch, 'releases.save', {
      release: { ...created.value, body: [{ id: 'p1', text: 'x'.repeat(5 * 1024 * 1024) }] },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!result.ok) expect(result.error.message).toMatch(/Too long/);
    const again = await call(dispatch, 'releases.get', { id: created.value.id });
    expect(again.ok && again.value.revision).toBe(created.value.revision);
  });

  it('a save cannot change the workflow status', async () => {
    const created = await call(dispatch, 'releases.create', { type: 'news-release' });
    if (!created.ok) throw new Error(created.error.message);
    const saved = await call(dispatch, 'releases.save', {
      release: { ...created.value, status: 'approved' },
    });
    expect(saved.ok && saved.value.status).toBe('draft');
  });

  it('turns an unexpected failure into an internal error value and logs it', async () => {
    const broken = createDispatcher(
      {
        ...createWorkspaceHandlers(await openWorkspace(folder), as()),
        'releases.list': async () => {
          throw new TypeError('boom');
        },
      },
      (message) => logged.push(message),
    );
    const result = await broken('releases.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!result.ok) expect(result.error.message).not.toContain('boom');
    expect(logged.some((line) => line.includes('boom'))).toBe(true);
  });
});
