/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and says where the samples went:
 * the top functions by self time, and self time summed per package or source folder.
 */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
}

export interface ProfileSummary {
  samples: number;
  /** Share of samples the main thread was idle (waiting for I/O). */
  idle: number;
  topFunctions: Array<{ frame: string; self: number }>;
  byArea: Array<{ area: string; self: number }>;
  /** The service's own functions (src/) by the share of samples with them on the stack. */
  inclusive: Array<{ frame: string; total: number }>;
}

/** `buildDir`: where the service's compiled files are, to name them by their source path. */
export function summarizeProfile(file: string, buildDir: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const total = profile.samples.length;
  const frames = new Map<string, number>();
  const areas = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const frameOf = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = locate(url, buildDir);
    return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : '[native]'}`;
  };
  let idle = 0;
  for (const [id, count] of hits) {
    const node = byId.get(id)!;
    const { functionName, url } = node.callFrame;
    if (functionName === '(idle)') {
      idle += count;
      continue;
    }
    const frame = frameOf(node);
    frames.set(frame, (frames.get(frame) ?? 0) + count);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const caller = frameOf(byId.get(at)!);
      if (caller.includes(' dist:src/')) onStack.add(caller);
    }
    for (const caller of onStack) inclusive.set(caller, (inclusive.get(caller) ?? 0) + count);
    const area = areaOf(url, buildDir, functionName);
    areas.set(area, (areas.get(area) ?? 0) + count);
  }
  const share = (n: number) => n / total;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    samples: total,
    idle: share(idle),
    topFunctions: sorted(frames)
      .slice(0, top)
      .map(([frame, n]) => ({ frame, self: share(n) })),
    byArea: sorted(areas)
      .slice(0, top)
      .map(([area, n]) => ({ area, self: share(n) })),
    inclusive: sorted(inclusive)
      .slice(0, top)
      .map(([frame, n]) => ({ frame, total: share(n) })),
  };
}

export function printProfile(title: string, summary: ProfileSummary): void {
  const pct = (x: number) => `${(100 * x).toFixed(1).padStart(5)}%`;
  console.log(`${title}: ${summary.samples} samples, main thread idle ${pct(summary.idle).trim()}`);
  console.log('  self time by package or source folder:');
  for (const { area, self } of summary.byArea.slice(0, 10)) console.log(`    ${pct(self)}  ${area}`);
  console.log('  top functions by self time:');
  for (const { frame, self } of summary.topFunctions) console.log(`    ${pct(self)}  ${frame}`);
  console.log('  service functions by time on the stack (inclusive):');
  for (const { frame, total } of summary.inclusive) console.log(`    ${pct(total)}  ${frame}`);
}

function locate(url: string, buildDir: string): string {
  if (!url) return '';
  const path = url.replace(/^file:\/\//, '');
  // The compiled file, named as such: the profile's line numbers are of the JavaScript, not of the .ts source.
  if (path.startsWith(buildDir)) return `dist:src/${relative(buildDir, path)}`;
  const modules = path.lastIndexOf(`node_modules${sep}`);
  return modules >= 0 ? path.slice(modules + 'node_modules/'.length) : path;
}

function areaOf(url: string, buildDir: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'native (C++ bindings, incl. SQLite and fsync)';
  const where = locate(url, buildDir);
  if (where.startsWith('dist:src/')) return where.slice('dist:'.length).split('/').slice(0, 2).join('/');
  if (where.startsWith('node:')) return 'node core';
  const parts = where.split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}
