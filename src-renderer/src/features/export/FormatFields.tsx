import { EXPORT_FORMAT_LABELS, EXPORT_FORMATS } from '../../../../src-shared/api/contract';

export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type PaperSize = 'A4' | 'Letter';

/** The format of an export and, for a PDF, its paper size: the same choice for one release or a batch. */
export function FormatFields({
  id,
  format,
  pageSize,
  disabled = false,
  onFormat,
  onPageSize,
  email,
}: {
  id: string;
  format: ExportFormat;
  pageSize: PaperSize;
  disabled?: boolean;
  onFormat: (format: ExportFormat) => void;
  onPageSize: (size: PaperSize) => void;
  /** One release only: "Email draft (.eml)" as one more choice, chosen instead of `format` while `chosen`. */
  email?: { chosen: boolean; onChoose: () => void };
}) {
  return (
    <>
      <fieldset>
        <legend>Format</legend>
        {EXPORT_FORMATS.map((option) => (
          <div className="radio" key={option}>
            <input
              id={`${id}-format-${option}`}
              type="radio"
              name={`${id}-format`}
              checked={format === option && !email?.chosen}
              disabled={disabled}
              onChange={() => onFormat(option)}
            />
            <label htmlFor={`${id}-format-${option}`}>{EXPORT_FORMAT_LABELS[option]}</label>
          </div>
        ))}
        {email && (
          <div className="radio">
            <input
              id={`${id}-format-eml`}
              type="radio"
              name={`${id}-format`}
              checked={email.chosen}
              disabled={disabled}
              onChange={email.onChoose}
            />
            <label htmlFor={`${id}-format-eml`}>Email draft (.eml)</label>
          </div>
        )}
      </fieldset>
      {(format === 'pdf' || email?.chosen) && (
        <div className="field">
          <label htmlFor={`${id}-page`}>Paper size</label>
          <select
            id={`${id}-page`}
            value={pageSize}
            disabled={disabled}
            onChange={(event) => onPageSize(event.target.value as PaperSize)}
          >
            <option value="A4">A4</option>
            <option value="Letter">US Letter</option>
          </select>
        </div>
      )}
    </>
  );
}
