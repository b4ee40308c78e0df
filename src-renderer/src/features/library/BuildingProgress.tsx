import { useId } from 'react';

const COUNT = new Intl.NumberFormat('en-GB');

/**
 * A large library's first open (issue 15): the main side reads every release into its index and says how far it
 * has got; the list asks again until it is done, so the bar moves on its own. Not a live region: a figure that
 * changes twice a second would talk over everything else; the bar is there when a screen reader looks.
 */
export function BuildingProgress({ building }: { building: { done: number; total: number } }) {
  const id = useId();
  return (
    <div className="library-building">
      <p id={id} className="library-building-text">
        Building the library index: {COUNT.format(building.done)} of {COUNT.format(building.total)} releases
      </p>
      <progress
        aria-labelledby={id}
        max={Math.max(building.total, 1)}
        value={Math.min(building.done, building.total)}
      />
    </div>
  );
}
