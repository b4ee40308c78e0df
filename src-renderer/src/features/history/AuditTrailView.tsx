import type { AuditReport } from '../../../../src-shared/workflow/review-records';
import { AUDIT_EVENT_LABELS } from '../../../../src-shared/workflow/review-records';
import { describeDetails, formatWhen, formatWhenFull, plural, shortHash } from './history-format';
import type { Loadable } from './CompareView';

/** The verdict of the hash chain, in words; a broken chain is an alert, never a footnote. */
export function AuditVerdict({ report }: { report: AuditReport }) {
  if (report.intact && report.waitingForSync) {
    // Not a fault: a colleague's version is still on its way through the sync engine.
    return (
      <div className="audit-verdict audit-verdict-waiting" role="status" data-testid="audit-verdict">
        <p className="audit-verdict-title-waiting">
          <span aria-hidden="true">⋯ </span>
          Waiting for sync
        </p>
        <p>{report.waitingForSync}</p>
        <p>
          Every entry is linked to the one before ({plural(report.entries.length, 'entry', 'entries')}).
          Nothing has been altered.
        </p>
      </div>
    );
  }
  if (report.intact) {
    return (
      <p className="audit-verdict audit-verdict-intact" role="status" data-testid="audit-verdict">
        <span aria-hidden="true">✓ </span>
        The audit trail is intact: {plural(report.entries.length, 'entry', 'entries')}, each linked to the one
        before.
      </p>
    );
  }
  return (
    <div className="audit-verdict audit-verdict-broken" role="alert" data-testid="audit-verdict">
      <p className="audit-verdict-title">
        <span aria-hidden="true">✕ </span>
        The audit trail has been altered
      </p>
      <p>{report.problem ?? 'An entry does not match the one before it.'}</p>
      <p>
        The entries below are shown as they read from the file. From the altered entry on, they cannot be
        relied on.
      </p>
    </div>
  );
}

export function AuditTrailView({ audit }: { audit: Loadable<AuditReport> }) {
  if (audit.state === 'loading') return <p role="status">Reading the audit trail…</p>;
  if (audit.state === 'error') {
    return (
      <p className="notice notice-error" role="alert">
        {audit.message}
      </p>
    );
  }
  const report = audit.value;
  return (
    <section className="history-audit" aria-labelledby="history-audit-heading">
      <h2 id="history-audit-heading" className="history-section-heading">
        Audit trail
      </h2>
      <p className="hint history-intro">
        Every event on this release, oldest first. Each entry carries a hash of the one before it, so an entry
        that is changed, removed or moved afterwards is detected. Names are as people declared themselves.
      </p>
      <AuditVerdict report={report} />
      {report.entries.length === 0 ? (
        <p className="history-empty">Nothing has been recorded for this release yet.</p>
      ) : (
        <div className="audit-table-wrap">
          <table className="release-table audit-table">
            <caption className="visually-hidden">Audit trail entries, oldest first</caption>
            <thead>
              <tr>
                <th scope="col" className="audit-col-seq">
                  #
                </th>
                <th scope="col" className="audit-col-when">
                  When
                </th>
                <th scope="col" className="audit-col-who">
                  Who
                </th>
                <th scope="col" className="audit-col-event">
                  Event
                </th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {report.entries.map((entry) => (
                <tr key={`${entry.seq}-${entry.hash}`} data-event={entry.event}>
                  <td className="audit-seq">{entry.seq}</td>
                  <td className="audit-when">
                    <time dateTime={entry.at} title={formatWhenFull(entry.at)}>
                      {formatWhen(entry.at)}
                    </time>
                  </td>
                  <td>
                    {entry.actor.name}
                    {entry.computer ? (
                      <span className="audit-computer" title={entry.computer.id}>
                        {' '}
                        on {entry.computer.name}
                      </span>
                    ) : null}
                  </td>
                  <td className="audit-event">{AUDIT_EVENT_LABELS[entry.event] ?? entry.event}</td>
                  <td className="audit-details">
                    <AuditDetails details={entry.details} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AuditDetails({ details }: { details: Record<string, string | number> }) {
  const parts = describeDetails(details);
  if (parts.length === 0) return <span className="audit-none">—</span>;
  return (
    <ul className="audit-detail-list">
      {parts.map((part, i) => {
        if (part.kind === 'move') {
          return (
            <li key={i}>
              <span className="audit-detail-label">Status:</span> {part.from}{' '}
              <span aria-hidden="true">→</span>
              <span className="visually-hidden">to</span> {part.to}
            </li>
          );
        }
        if (part.kind === 'hash') {
          return (
            <li key={i}>
              <span className="audit-detail-label">{part.label}:</span>{' '}
              <code className="audit-hash" title={part.value}>
                {shortHash(part.value)}
              </code>
            </li>
          );
        }
        return (
          <li key={i}>
            <span className="audit-detail-label">{part.label}:</span> {part.value}
          </li>
        );
      })}
    </ul>
  );
}
