import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { execFile, spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { checkCharOf } from '../../src/domain/employee/resident-id';
import { EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { createEventStore } from '../../src/personal-data/sealed-event-store';

/**
 * Files as HR staff have them, generated for the import tests: a staff roster
 * (花名册) with Chinese headers, contract and contribution ledgers, offboarding
 * records; CSV as Chinese Excel saves it (GBK, CRLF) or as "CSV UTF-8" (with a
 * byte-order mark), and .xlsx workbooks whose date cells hold Excel serials.
 */
export const ROOT = resolve(__dirname, '../..');

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `import-${prefix}-`));

/** A resident ID number with a correct GB 11643 check character. */
export const residentId = (first17: string): string => first17 + checkCharOf(first17);

/** The same number with a wrong check character. */
export function withWrongCheckDigit(id: string): string {
  const wrong = '10X98765432'.split('').find((c) => c !== id[17])!;
  return id.slice(0, 17) + wrong;
}

export interface Person {
  employeeId: string;
  name: string;
  idNumber: string;
  orgUnit: string;
  category: string;
  region: string;
  hireDate: string;
  wage: number;
  position: string;
  phone: string;
  email: string;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞'];
const AREAS = ['110105', '310104', '440305', '350203'];
const REGIONS = ['北京', '上海', '深圳', '厦门'];
const UNITS = ['财务部', '人力资源部', '技术部', '市场部', '行政部'];
const POSITIONS = ['会计', '人事专员', '工程师', '市场专员', '行政助理'];

/** `count` employees E1001…, hired 2020–2023 in the four shipped regions. */
export function people(count: number, firstNumber = 1001): Person[] {
  return Array.from({ length: count }, (_, i) => {
    const n = firstNumber + i;
    const birth = `${1970 + (i % 30)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
    return {
      employeeId: `E${n}`,
      name: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length],
      idNumber: residentId(`${AREAS[i % AREAS.length]}${birth}${String(100 + (i % 900)).padStart(3, '0')}`),
      orgUnit: UNITS[i % UNITS.length],
      category: i % 5 === 4 ? '合同制' : '企业正式',
      region: REGIONS[i % REGIONS.length],
      hireDate: `${2020 + (i % 4)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      wage: 8000 + (i % 10) * 1500,
      position: POSITIONS[i % POSITIONS.length],
      phone: `1380000${String(n).padStart(4, '0')}`,
      email: `staff${n}@example.cn`,
    };
  });
}

export const EMPLOYEE_HEADERS = [
  '工号',
  '姓名',
  '身份证号',
  '部门',
  '人员类别',
  '地区',
  '入职日期',
  '月平均工资',
  '岗位',
  '手机号',
  '邮箱',
];

/** A roster row as Excel shows it: 2020/3/5 dates and 12,000.00 wages. */
export function rosterRow(p: Person): string[] {
  const [y, m, d] = p.hireDate.split('-').map(Number);
  return [
    p.employeeId,
    p.name,
    p.idNumber,
    p.orgUnit,
    p.category,
    p.region,
    `${y}/${m}/${d}`,
    p.wage.toLocaleString('en-US', { minimumFractionDigits: 2 }),
    p.position,
    p.phone,
    p.email,
  ];
}

export type Encoding = 'gbk' | 'utf-8' | 'utf-8-bom';

/** A CSV as Excel writes it: CRLF line ends, quotes only where needed. */
export function writeCsv(file: string, rows: Array<Array<string | number>>, encoding: Encoding): string {
  const text = stringify(rows, { record_delimiter: '\r\n' });
  const bytes = encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(encoding === 'utf-8-bom' ? `\ufeff${text}` : text, 'utf8');
  writeFileSync(file, bytes);
  return file;
}

/** A cell holding an Excel serial day number, shown with a date format (as Excel stores every date). */
export const serialCell = (serial: number, numFmt = 'yyyy/m/d') => ({ serial, numFmt });
type XlsxCell = string | number | null | ReturnType<typeof serialCell>;

/** Excel's serial number of a date (1900 system, after 1900-03-01). */
export const excelSerial = (isoDate: string): number =>
  Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);

export async function writeXlsx(file: string, sheetName: string, rows: XlsxCell[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  rows.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      const target = sheet.getCell(r + 1, c + 1);
      if (cell !== null && typeof cell === 'object') {
        target.value = cell.serial;
        target.numFmt = cell.numFmt;
      } else {
        target.value = cell;
      }
    }),
  );
  await workbook.xlsx.writeFile(file);
  return file;
}

/** The event store of a data directory as the service opens it (personal data sealed). */
export const storeIn = (dataDir: string): Promise<EventStore> => createEventStore(loadConfig({ DATA_DIR: dataDir }));

export interface StoredEvent {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** Every stored event, read straight from events.db (read-only, safe while a child process writes). */
export function storedEvents(dataDir: string): StoredEvent[] {
  const db = new Database(join(dataDir, 'events.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT position, stream, revision, id, type, data, metadata FROM events ORDER BY position').all() as Array<
      Record<string, string | number>
    >;
    return rows.map((r) => ({ ...r, data: JSON.parse(String(r.data)), metadata: JSON.parse(String(r.metadata)) }) as StoredEvent);
  } finally {
    db.close();
  }
}

export function eventCount(dataDir: string): number {
  const db = new Database(join(dataDir, 'events.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const CLI_ARGS = ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src/cli/import.ts')];

/** `npm run import -- ...` as a child process, with its own DATA_DIR. */
export function runImportCli(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [...CLI_ARGS, ...args],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export function spawnImportCli(args: string[], dataDir: string): ChildProcess {
  return spawn(process.execPath, [...CLI_ARGS, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: 'pipe',
  });
}
