/**
 * npm run import -- <file> --kind employees|contracts|contributions|cases|wages
 *                   [--dry-run] [--mapping <json>] [--encoding gbk] [--report <csv>]
 *                   [--actor <name>] [--role hr_specialist|hr_manager]
 *
 * Imports a CSV (UTF-8 or GBK/GB18030) or .xlsx export through the same command
 * handlers as the API (on a command bus of its own, src/app.commands.module.ts),
 * which record every refused command in the refusal log. Every rejected row goes
 * to the report (next to the file unless --report says otherwise). Running the
 * same file again writes nothing new (but a refused row's attempt is recorded
 * again), and resumes an interrupted run.
 *
 * Exit codes: 0 every row imported or already present; 2 some rows rejected;
 * 1 the file could not be imported at all (unreadable, bad mapping, missing
 * column, configuration); 64 bad arguments; 130 stopped by Ctrl-C.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config';
import { Role } from '../domain/shared/vocabulary';
import { MappingOverrides } from '../import/columns';
import { FileRejectedError } from '../import/file-rejected';
import { importFile, ImportResult } from '../import/importer';
import { progressOn } from '../import/progress';
import { defaultReportPath, writeReport } from '../import/report';
import { IMPORT_KINDS, ImportKind } from '../import/row-run';
import { createEventStore } from '../personal-data/sealed-event-store';

const USAGE = `Usage: npm run import -- <file> --kind ${IMPORT_KINDS.join('|')} [--dry-run] [--mapping <json>] [--encoding utf-8|gbk|gb18030] [--report <csv>] [--actor <name>] [--role hr_specialist|hr_manager]\n`;
/** The roles an operator may import as: HR work; approval of a case needs hr_manager, as in the API. */
const ROLES: Role[] = ['hr_specialist', 'hr_manager'];

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { file, kind, values } = parseArguments(argv);
  const mapping = values.mapping === undefined ? undefined : readMapping(values.mapping);
  const config = loadConfig();
  const store = await createEventStore(config);
  const progress = progressOn(process.stderr);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  let result: ImportResult;
  try {
    result = await importFile(store, {
      file,
      kind,
      dryRun: values['dry-run'],
      mapping,
      encoding: values.encoding,
      actor: { id: `import:${values.actor ?? osUser()}`, role: values.role as Role },
      onProgress: (done, total) => progress.update(done, total),
      signal: stop.signal,
    });
  } finally {
    progress.stop();
    await store.close();
  }
  const report = values.report ?? defaultReportPath(file);
  writeReport(report, result.problems);
  process.stdout.write(summary(result, report));
  if (result.rowsProcessed < result.rowsRead) return 130;
  return result.rejected > 0 ? 2 : 0;
}

function parseArguments(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        kind: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        mapping: { type: 'string' },
        encoding: { type: 'string' },
        report: { type: 'string' },
        actor: { type: 'string' },
        role: { type: 'string', default: 'hr_specialist' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('name exactly one file');
  if (!IMPORT_KINDS.includes(values.kind as ImportKind)) throw new UsageError(`--kind must be one of ${IMPORT_KINDS.join(', ')}`);
  if (!ROLES.includes(values.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  return { file: positionals[0], kind: values.kind as ImportKind, values };
}

/** A JSON object of header → field (or null to ignore the column). */
function readMapping(file: string): MappingOverrides {
  let mapping: unknown;
  try {
    mapping = JSON.parse(readFileSync(file, 'utf8').replace(/^\ufeff/, ''));
  } catch (error) {
    throw new FileRejectedError(`无法读取映射文件 ${file}：${String(error)}`, `cannot read the mapping file ${file}: ${String(error)}`);
  }
  const valid =
    typeof mapping === 'object' &&
    mapping !== null &&
    !Array.isArray(mapping) &&
    Object.values(mapping).every((v) => typeof v === 'string' || v === null);
  if (!valid)
    throw new FileRejectedError(
      '映射文件须为 { "表头": "字段" } 形式的 JSON 对象',
      'the mapping file must be a JSON object of "header": "field" (or null)',
    );
  return mapping as MappingOverrides;
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers).
    return process.env.USER ?? 'unknown';
  }
}

/** A figure under a Chinese and an English label, aligned in a terminal (a Chinese character is two columns wide). */
const figure = (zh: string, en: string, value: number) => `  ${zh}${' '.repeat(2 * (4 - zh.length))} ${en.padEnd(16)} ${value}`;

function summary(r: ImportResult, report: string): string {
  const seconds = r.durationMs / 1000;
  const lines = [
    `${r.dryRun ? '试运行，未写入任何数据 / dry run, nothing was written: ' : ''}${r.kind} ← ${r.fileName} (${r.format}${r.encoding ? `, ${r.encoding}` : ''}, sha256 ${r.fileSha256.slice(0, 12)}…)`,
    figure('读取行数', 'rows read', r.rowsRead),
    r.dryRun ? figure('可导入', 'would import', r.imported) : figure('已导入', 'imported', r.imported),
    figure('已存在', 'already present', r.alreadyPresent),
    figure('被拒绝', 'rejected', r.rejected),
    `  用时 duration ${seconds.toFixed(1)} s, ${(r.rowsProcessed / Math.max(seconds, 0.001)).toFixed(1)} 行/秒 rows/s`,
    `  报告 report: ${report}`,
  ];
  if (r.ignoredColumns.length > 0) lines.push(`  未使用的列 ignored columns: ${r.ignoredColumns.join(', ')}`);
  const left = r.rowsRead - r.rowsProcessed;
  if (left > 0)
    lines.push(
      `已中断：还有 ${left} 行未处理，再次运行同一命令即可继续 / interrupted: ${left} rows not processed; run the same command again to resume`,
    );
  return `${lines.join('\n')}\n`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}`);
      process.exit(64); // EX_USAGE, as the other commands
    }
    const message =
      error instanceof FileRejectedError || error instanceof ConfigError
        ? error.message
        : `${error instanceof Error ? error.stack : String(error)}\n已写入的行会保留，再次运行同一命令即可继续 / rows written before the failure stay; run the same command again to resume`;
    process.stderr.write(`导入失败 / import failed: ${message}\n`);
    process.exit(1);
  },
);
