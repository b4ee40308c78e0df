import type { TraceOutcome } from '../../../../src-shared/embargo/embargo-api';

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  pdf: 'PDF',
  html: 'web page',
  docx: 'Word document',
  eml: 'email',
};

/** "99.97%": a confidence as people read it, never a bare 100% (the trace is a probability). */
export function percent(confidence: number): string {
  if (confidence >= 0.9999) return 'over 99.99%';
  if (confidence > 0 && confidence < 0.0001) return 'under 0.01%';
  return `${(confidence * 100).toFixed(2)}%`;
}

/** "24 November 2026 at 09:00 GMT": when a copy was made, in UK time as the register gives the lift time. */
export function formatMadeAt(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const zone = { timeZone: 'Europe/London' } as const;
  const day = new Intl.DateTimeFormat('en-GB', {
    ...zone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
  const time = new Intl.DateTimeFormat('en-GB', {
    ...zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(date);
  return `${day} at ${time}`;
}

/** What the trace found, in sentences. */
export function TraceResult({ outcome }: { outcome: TraceOutcome }) {
  const match = outcome.match;
  if (!match) {
    return (
      <div className="trace-result trace-none">
        <h3>This text matches no recorded copy</h3>
        <p>
          {outcome.read === 0
            ? 'It has too few words to read a fingerprint from: paste a whole paragraph.'
            : outcome.unmarked >= 0.5
              ? 'It reads like the public text: it carries no recipient’s fingerprint.'
              : 'Its marks do not match any copy in the register closely enough to name one.'}{' '}
          {outcome.copiesOnRecord === 1 ? '1 copy is' : `${outcome.copiesOnRecord} copies are`} on record.
        </p>
      </div>
    );
  }
  const who = [match.recipient, match.outlet].filter(Boolean).join(', ');
  return (
    <div className="trace-result trace-found">
      <h3>Traced to {who}</h3>
      <dl>
        <div>
          <dt>Copy</dt>
          <dd>
            {FORMAT_NAMES[match.format] ?? match.format} copy {match.fingerprint}
            {match.draft ? ' (draft)' : ''}
          </dd>
        </div>
        <div>
          <dt>Confidence</dt>
          <dd>
            {percent(match.confidence)}
            {outcome.metadataFingerprint
              ? ' (named by the file’s metadata)'
              : ` (${match.agreed} of ${match.read} word spaces agree)`}
          </dd>
        </div>
        <div>
          <dt>Release</dt>
          <dd>{match.headline}</dd>
        </div>
        <div>
          <dt>Made</dt>
          <dd>
            {formatMadeAt(match.madeAt)} by {match.madeBy}
          </dd>
        </div>
        <div>
          <dt>Embargo lifts</dt>
          <dd>{match.liftUk}</dd>
        </div>
        {match.email ? (
          <div>
            <dt>Email</dt>
            <dd>{match.email}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
