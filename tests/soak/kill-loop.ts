/**
 * `npm run soak`: the kill loop of issue 13, item 1, for 1,000 rounds (the unit suite runs 200), printing its
 * figures. Exits non-zero when a revision lacks its audit entry, a chain fails to verify or a file is torn.
 *
 *   npm run soak [-- <rounds>]
 */
import { runKillLoop } from '../unit/services/kill-loop';

const rounds = Number(process.argv[2] ?? '1000');
const figures = await runKillLoop({
  rounds,
  onRound: (round, so) => {
    if (round % 100 === 0) {
      process.stdout.write(
        `  round ${round}: ${so.acknowledgedSaves} acknowledged saves, ${so.killsMidSave} kills mid-save\n`,
      );
    }
  },
});
const { chainFailures, ...counts } = figures;
console.log('Kill loop (two people saving one release in turn, SIGKILL at a random moment)');
for (const [name, count] of Object.entries(counts)) console.log(`  ${name}: ${count}`);
console.log(`  chainFailures: ${chainFailures.length}`);
for (const failure of chainFailures.slice(0, 20)) console.log(`    ${failure}`);
const ok =
  chainFailures.length === 0 &&
  figures.tornFiles === 0 &&
  figures.revisionsWithoutEntry === 0 &&
  figures.acknowledgedWithoutEntry === 0;
console.log(ok ? 'OK' : 'FAILED');
process.exit(ok ? 0 : 1);
