/**
 * Move up, Move down and Remove for item `index` of a list of `count`, each naming the item for a screen reader
 * ("Move up paragraph 2"). Without `onMove` only Remove is shown (contacts keep the profile's order).
 */
export function ItemButtons({
  noun,
  index,
  count,
  onMove,
  onRemove,
}: {
  /** The item's name inside a sentence: "paragraph", "quote". */
  noun: string;
  index: number;
  count: number;
  onMove?: (from: number, to: number) => void;
  onRemove: () => void;
}) {
  const item = (
    <span className="visually-hidden">
      {' '}
      {noun} {index + 1}
    </span>
  );
  return (
    <>
      {onMove && (
        <>
          <button
            type="button"
            className="button-quiet"
            disabled={index === 0}
            onClick={() => onMove(index, index - 1)}
          >
            Move up
            {item}
          </button>
          <button
            type="button"
            className="button-quiet"
            disabled={index === count - 1}
            onClick={() => onMove(index, index + 1)}
          >
            Move down
            {item}
          </button>
        </>
      )}
      <button type="button" className="button-quiet button-danger" onClick={onRemove}>
        Remove
        {item}
      </button>
    </>
  );
}
