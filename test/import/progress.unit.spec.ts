import { progressOn } from '../../src/import/progress';

describe('progress of an import that is not on a terminal', () => {
  it('writes a plain line with rows/s and the time left every interval', async () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream;
    const progress = progressOn(stream, 20);
    progress.update(250, 1000);
    await new Promise((r) => setTimeout(r, 70));
    progress.stop();
    const count = lines.length;
    expect(count).toBeGreaterThanOrEqual(1);
    expect(lines[0]).toMatch(/^进度 progress: 250\/1000 行 rows \(25%\), [\d.]+ 行\/秒 rows\/s, 剩余 ETA \d+ s\n$/);
    await new Promise((r) => setTimeout(r, 50));
    expect(lines).toHaveLength(count);
  });
});
