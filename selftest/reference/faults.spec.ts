import { FAULT_NAMES, FAULTS, parseFaults } from '../../reference/faults';
import { FAULT_CASES } from './fault-cases';
import { expect, test, withServer } from './fixtures';

// Every fault changes exactly the behaviour it names: the same observation, a clean
// server and one with only that fault on.

test('every fault in the catalogue has exactly one case', () => {
  const covered = FAULT_CASES.map((row) => row.fault);
  expect(new Set(covered).size).toBe(covered.length);
  expect([...covered].sort()).toEqual([...FAULT_NAMES].sort());
  expect(FAULT_NAMES.length).toBeGreaterThanOrEqual(25);
});

for (const { fault, observe, clean, faulty } of FAULT_CASES) {
  test(`${fault} · ${FAULTS[fault]}`, async () => {
    const onClean = await withServer({}, observe);
    const onFaulty = await withServer({ faults: [fault] }, observe);
    expect(onClean, 'clean server').toEqual(clean);
    expect(onFaulty, `with ${fault}`).toEqual(faulty);
  });
}

test('parseFaults reads a comma-separated list and names REFERENCE_FAULTS on a bad name', () => {
  expect(parseFaults(undefined)).toEqual([]);
  expect(parseFaults(' dropVersionHeader , htmlErrors,,dropVersionHeader')).toEqual([
    'dropVersionHeader',
    'htmlErrors',
  ]);
  expect(() => parseFaults('dropVersionHeader,nope')).toThrow(
    /^REFERENCE_FAULTS names unknown fault nope; valid names: dropVersionHeader, /,
  );
});
