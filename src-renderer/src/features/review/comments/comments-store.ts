import { callApi } from '../../../api';
import type { Result } from '../../../../../src-shared/result';
import {
  COMMENT_SECTIONS,
  type CommentAnchor,
  type CommentSection,
  type CommentThread,
} from '../../../../../src-shared/workflow/review-records';

/** One string per anchor: `body:p-1a2b3c4d`, `headline:`. */
export function anchorKey(anchor: CommentAnchor): string {
  return `${anchor.section}:${anchor.itemId ?? ''}`;
}

export function isCommentSection(section: string): section is CommentSection {
  return (COMMENT_SECTIONS as readonly string[]).includes(section);
}

/** The thread panel that is open in the form (one at a time), and what opened it. */
export interface OpenPanel {
  key: string;
  /**
   * Threads shown in this panel although their anchor is another: comments on a paragraph that has since been
   * removed are opened in their section's panel, so that they can still be read, answered and resolved.
   */
  extraThreadIds: readonly string[];
  /** Bumped on every open request, so that a panel opened again from elsewhere scrolls itself into view again. */
  request: number;
  /** Move the focus into the panel (true when opened with its own button; false when a jump put it on a field). */
  focus: boolean;
}

export interface CommentsState {
  loaded: boolean;
  threads: readonly CommentThread[];
  /** Open (unresolved) threads per anchor key. */
  openCounts: ReadonlyMap<string, number>;
  /** Why the comments could not be read, if they could not. */
  loadError: string | null;
  /** Comment records that could not be read (left in their files): said, so that nothing goes missing unseen. */
  unreadable: readonly string[];
  panel: OpenPanel | null;
}

export type CommentResult = { ok: true } | { ok: false; message: string };

const EMPTY: CommentsState = {
  loaded: false,
  threads: [],
  openCounts: new Map(),
  loadError: null,
  unreadable: [],
  panel: null,
};

/**
 * The comments of one release, as a tiny external store: the form's comment buttons each subscribe to their own
 * anchor's count, so a new comment re-renders the buttons whose count changed and never the form (typing in the
 * editor does not touch this store at all).
 */
export class CommentsStore {
  state: CommentsState = EMPTY;
  private listeners = new Set<() => void>();
  private lastJson = '';
  private requests = 0;

  constructor(readonly releaseId: string) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private set(next: Partial<CommentsState>) {
    this.state = { ...this.state, ...next };
    for (const listener of this.listeners) listener();
  }

  /** Takes the thread list the main side answered with; nothing is published when nothing changed. */
  private take(threads: CommentThread[]) {
    const json = JSON.stringify(threads);
    if (json === this.lastJson && this.state.loaded && this.state.loadError === null) return;
    this.lastJson = json;
    const openCounts = new Map<string, number>();
    for (const thread of threads) {
      if (thread.resolved) continue;
      const key = anchorKey(thread.anchor);
      openCounts.set(key, (openCounts.get(key) ?? 0) + 1);
    }
    this.set({ loaded: true, threads, openCounts, loadError: null });
  }

  async refresh(): Promise<void> {
    const result = await callApi('comments.list', { id: this.releaseId });
    if (result.ok) {
      if (result.value.problems.join('\n') !== this.state.unreadable.join('\n')) {
        this.set({ unreadable: result.value.problems });
      }
      this.take(result.value.threads);
    }
    // A failed poll keeps what is shown; only a first load that fails is worth saying.
    else if (!this.state.loaded) this.set({ loadError: result.error.message });
  }

  async add(anchor: CommentAnchor, text: string): Promise<CommentResult> {
    return this.apply(await callApi('comments.add', { id: this.releaseId, anchor, text }));
  }

  async reply(threadId: string, text: string): Promise<CommentResult> {
    return this.apply(await callApi('comments.reply', { id: this.releaseId, threadId, text }));
  }

  async setResolved(threadId: string, resolved: boolean): Promise<CommentResult> {
    return this.apply(await callApi('comments.setResolved', { id: this.releaseId, threadId, resolved }));
  }

  private apply(result: Result<CommentThread[]>): CommentResult {
    if (!result.ok) return { ok: false, message: result.error.message };
    this.take(result.value);
    return { ok: true };
  }

  open(anchor: CommentAnchor, options: { extraThreadIds?: readonly string[]; focus?: boolean } = {}) {
    this.requests += 1;
    this.set({
      panel: {
        key: anchorKey(anchor),
        extraThreadIds: options.extraThreadIds ?? [],
        request: this.requests,
        focus: options.focus ?? false,
      },
    });
  }

  close() {
    if (this.state.panel) this.set({ panel: null });
  }

  toggle(anchor: CommentAnchor) {
    if (this.state.panel?.key === anchorKey(anchor)) this.close();
    else this.open(anchor, { focus: true });
  }
}
