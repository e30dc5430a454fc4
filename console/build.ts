/**
 * npm run build:console (and npm run build): bundles console/src with esbuild into dist/console
 * (or the folder given), which the service serves at /console/ (src/web-console/serve-console.ts).
 *
 * esbuild: one dependency with no plugins to configure, TypeScript and JSX built in, code splitting
 * for the charts (loaded only by the dashboard and continuity pages), in well under a second.
 * Fails when the script loaded up front (the charts excepted) passes the budget of issue 14.
 */
import { build, type Metafile } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const DEFAULT_OUT_DIR = resolve(__dirname, '..', 'dist', 'console');
/** Issue 14: the script bundle, charts excluded, at most 200 KB gzip. */
export const BUDGET_GZIP_BYTES = 200 * 1024;

export interface BuiltFile {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** Loaded with the first page (the entry and what it imports statically), not on demand. */
  upFront: boolean;
}

export interface BuiltConsole {
  outDir: string;
  files: BuiltFile[];
  /** gzip bytes of the scripts loaded with the first page. */
  upFrontScriptGzipBytes: number;
}

/** Outputs reachable from the entry through static imports only: what the browser loads before the first page shows. */
function upFrontOutputs(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    const { imports, cssBundle } = metafile.outputs[output];
    if (cssBundle) seen.add(cssBundle);
    for (const imported of imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  return seen;
}

export async function buildConsole(outDir: string = DEFAULT_OUT_DIR): Promise<BuiltConsole> {
  const root = __dirname;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'src', 'main.tsx')],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    minify: true,
    sourcemap: 'linked',
    target: ['es2022'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    legalComments: 'linked',
    logLevel: 'silent',
  });
  const entry = Object.keys(result.metafile.outputs).find((o) => result.metafile.outputs[o].entryPoint !== undefined && o.endsWith('.js'));
  if (!entry) throw new Error('esbuild wrote no entry script');
  const css = result.metafile.outputs[entry].cssBundle;
  const template = readFileSync(join(root, 'index.html'), 'utf8');
  writeFileSync(
    join(outDir, 'index.html'),
    template.replace('{{js}}', basename(entry)).replace('{{css}}', css ? basename(css) : 'missing.css'),
  );
  const upFront = upFrontOutputs(result.metafile, entry);
  const files: BuiltFile[] = Object.keys(result.metafile.outputs)
    .filter((o) => o.endsWith('.js') || o.endsWith('.css'))
    .map((o) => {
      const content = readFileSync(join(root, o));
      return { file: relative(outDir, join(root, o)), bytes: content.length, gzipBytes: gzipSync(content).length, upFront: upFront.has(o) };
    });
  const upFrontScriptGzipBytes = files.filter((f) => f.upFront && f.file.endsWith('.js')).reduce((sum, f) => sum + f.gzipBytes, 0);
  if (upFrontScriptGzipBytes > BUDGET_GZIP_BYTES) {
    throw new Error(`The console's first-page script is ${kb(upFrontScriptGzipBytes)} gzip, over its budget of ${kb(BUDGET_GZIP_BYTES)}`);
  }
  return { outDir, files, upFrontScriptGzipBytes };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (require.main === module) {
  buildConsole(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUT_DIR).then(
    ({ outDir, files, upFrontScriptGzipBytes }) => {
      process.stdout.write(`console built into ${outDir}\n`);
      for (const f of files.sort((a, b) => b.gzipBytes - a.gzipBytes)) {
        process.stdout.write(
          `  ${f.file.padEnd(40)} ${kb(f.bytes).padStart(10)} ${kb(f.gzipBytes).padStart(10)} gzip${f.upFront ? '' : '  (on demand)'}\n`,
        );
      }
      process.stdout.write(`  first-page script: ${kb(upFrontScriptGzipBytes)} gzip of ${kb(BUDGET_GZIP_BYTES)}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
