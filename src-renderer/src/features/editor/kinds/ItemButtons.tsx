/**
 * Move up, Move down and Remove for item `index` of a list of `count`, each naming the item for a screen reader
 * ("Move up paragraph 2"). Without `onMove` only Remove is shown (contacts keep the profile's order). `moves` are
 * further moves, to another list ("Move to background"), shown before Remove.
 */
export function ItemButtons({
  noun,
  index,
  count,
  onMove,
  moves = [],
  onRemove,
}: {
  /** The item's name inside a sentence: "paragraph", "quote". */
  noun: string;
  index: number;
  count: number;
  onMove?: (from: number, to: number) => void;
  moves?: ReadonlyArray<{ label: string; onClick: () => void }>;
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
      {moves.map((move) => (
        <button key={move.label} type="button" className="button-quiet" onClick={move.onClick}>
          {move.label}
          {item}
        </button>
      ))}
      <button type="button" className="button-quiet button-danger" onClick={onRemove}>
        Remove
        {item}
      </button>
    </>
  );
}
