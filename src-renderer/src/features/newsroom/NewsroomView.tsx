import { useEffect, useId, useRef, useState } from 'react';
import { callApi, isDesktopApp } from '../../api';
import type { NewsroomReport } from '../../../../src-shared/newsroom/newsroom-api';
import { ScreenTopBar } from '../screen/ScreenTopBar';
import './newsroom.css';

type PublishState =
  | { kind: 'idle' }
  | { kind: 'publishing' }
  | { kind: 'done'; report: NewsroomReport }
  | { kind: 'failed'; message: string };

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * The newsroom screen (issue 17, item 1): where the published releases go as a website, and the button that
 * writes it. The same work as `pressroom newsroom --out DIR` (both call newsroom.export). The browser host has no
 * folder picker, so the folder is typed (as in the export dialogs); the desktop app offers its own.
 */
export function NewsroomView({ organisation, onClose }: { organisation: string; onClose: () => void }) {
  const id = useId();
  const [folder, setFolder] = useState('');
  const [siteUrl, setSiteUrl] = useState('');
  const [state, setState] = useState<PublishState>({ kind: 'idle' });
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void callApi('newsroom.settings', {}).then((answer) => {
      if (!answer.ok) return;
      setFolder((typed) => typed || answer.value.folder);
      setSiteUrl((typed) => typed || answer.value.siteUrl);
    });
  }, []);
  useEffect(() => {
    // The outcome takes the focus, so a keyboard or screen-reader user hears what happened.
    if (state.kind === 'done' || state.kind === 'failed') result.current?.focus();
  }, [state.kind]);

  async function publish() {
    setState({ kind: 'publishing' });
    const answer = await callApi('newsroom.export', { folder: folder.trim(), siteUrl: siteUrl.trim() });
    setState(
      answer.ok ? { kind: 'done', report: answer.value } : { kind: 'failed', message: answer.error.message },
    );
  }

  return (
    <div className="newsroom-page">
      <ScreenTopBar backLabel="← Library" onBack={onClose}>
        <span className="app-name">Pressroom</span>
        <span className="workspace-name" title={organisation}>
          {organisation}
        </span>
      </ScreenTopBar>
      <main className="newsroom-main">
        <h1 className="newsroom-heading">Newsroom</h1>
        <p className="newsroom-intro">
          Publish your released news as a website: a list of the latest releases, a page for each release and
          for each area or topic tag, a news feed, and files for news agencies. Upload the folder to your web
          server.
        </p>
        <p className="newsroom-intro">
          Only releases marked published appear. A release under embargo appears once the embargo has lifted:
          publish the newsroom again after that time.
        </p>
        <form
          className="newsroom-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void publish();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-folder`}>Newsroom folder</label>
            <p className="hint" id={`${id}-folder-hint`}>
              The full path of a folder on this computer, such as /home/you/Newsroom. It is created if missing
              and remembered. Publishing again rewrites only the files that changed.
            </p>
            <div className="newsroom-folder-row">
              <input
                id={`${id}-folder`}
                aria-describedby={`${id}-folder-hint`}
                value={folder}
                spellCheck={false}
                disabled={state.kind === 'publishing'}
                onChange={(event) => setFolder(event.target.value)}
              />
              {isDesktopApp && (
                <button
                  type="button"
                  disabled={state.kind === 'publishing'}
                  onClick={async () => {
                    const answer = await callApi('dialogs.chooseFolder', {
                      title: 'Publish the newsroom into this folder',
                      ...(folder ? { defaultPath: folder } : {}),
                    });
                    if (!answer.ok) setState({ kind: 'failed', message: answer.error.message });
                    else if (answer.value.folder) setFolder(answer.value.folder);
                  }}
                >
                  Choose…
                </button>
              )}
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${id}-site`}>Web address of the newsroom (optional)</label>
            <p className="hint" id={`${id}-site-hint`}>
              Where the folder will be on the web, such as https://www.example.org/news/. With it, the feed
              and search engines get full links and a sitemap is written.
            </p>
            <input
              id={`${id}-site`}
              type="url"
              inputMode="url"
              aria-describedby={`${id}-site-hint`}
              value={siteUrl}
              spellCheck={false}
              disabled={state.kind === 'publishing'}
              onChange={(event) => setSiteUrl(event.target.value)}
            />
          </div>
          <button type="submit" className="button-primary" disabled={state.kind === 'publishing'}>
            {state.kind === 'publishing' ? 'Publishing…' : 'Publish newsroom'}
          </button>
        </form>
        <div ref={result} tabIndex={-1} className="newsroom-result" aria-live="polite">
          {state.kind === 'failed' && (
            <section className="notice notice-error" role="alert">
              <h2>The newsroom was not published</h2>
              <p>{state.message}</p>
            </section>
          )}
          {state.kind === 'done' && <NewsroomReportView report={state.report} />}
        </div>
      </main>
    </div>
  );
}

function NewsroomReportView({ report }: { report: NewsroomReport }) {
  return (
    <section
      className="newsroom-report"
      aria-labelledby="newsroom-report-title"
      data-testid="newsroom-report"
    >
      <h2 id="newsroom-report-title">Newsroom published</h2>
      <p>
        {plural(report.releases, 'release')} and {plural(report.tags, 'tag page')} in{' '}
        <code className="newsroom-path">{report.folder}</code>.
      </p>
      <dl className="newsroom-counts">
        <div>
          <dt>Files written</dt>
          <dd data-testid="newsroom-written">{report.written.length}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd data-testid="newsroom-unchanged">{report.unchanged}</dd>
        </div>
        <div>
          <dt>Removed</dt>
          <dd data-testid="newsroom-removed">{report.removed.length}</dd>
        </div>
      </dl>
      {report.heldBack.length > 0 && (
        <>
          <h3>Held back ({report.heldBack.length})</h3>
          <ul className="newsroom-held-back">
            {report.heldBack.map((held) => (
              <li key={held.id}>
                <strong>{held.headline}</strong>
                <br />
                {held.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.notPublished > 0 && (
        <p className="hint">
          {plural(report.notPublished, 'release is', 'releases are')} not published yet (drafts, in review, or
          approved but not yet exported as final), so not on the site.
        </p>
      )}
      {!report.sitemap && (
        <p className="hint">No sitemap was written: give the web address of the newsroom to have one.</p>
      )}
      <p>
        To look at it, open <code className="newsroom-path">{report.indexFile}</code> in your browser.
      </p>
    </section>
  );
}
