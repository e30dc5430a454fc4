import { Doorbell } from '../../src/projections/doorbell';

/** The doorbell wakes its listener on a ring, not on its periodic recheck (set to an hour here). */
describe('Doorbell', () => {
  const HOUR = 3_600_000;

  it('answers a ring rung before or while listening, and stops when told', async () => {
    const bell = new Doorbell();
    let answers = 0;
    let stop = false;
    let answered: () => void = () => undefined;
    const listening = bell.listen(
      () => {
        answers++;
        answered();
      },
      () => stop,
      HOUR,
    );
    for (let ring = 1; ring <= 3; ring++) {
      const next = new Promise<void>((r) => (answered = r));
      bell.ring();
      await next;
      expect(answers).toBe(ring);
    }
    stop = true;
    bell.ring();
    await listening;
    expect(answers).toBe(3);
  });

  it('shares its counter through the buffer it was built on (as the worker thread receives it)', async () => {
    const bell = new Doorbell();
    const other = new Doorbell(bell.buffer);
    let stop = false;
    const heard = new Promise<void>((answered) => {
      const answer = () => {
        stop = true;
        answered();
      };
      void other.listen(answer, () => stop, HOUR);
    });
    bell.ring();
    await heard;
    expect(Atomics.load(other.counter, 0)).toBe(1);
  });
});
