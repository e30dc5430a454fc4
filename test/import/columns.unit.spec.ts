import { FieldSpec, normalizedHeader, tableOf } from '../../src/import/columns';
import { FileRejectedError } from '../../src/import/file-rejected';
import { Sheet } from '../../src/import/sheet';

const FIELDS: FieldSpec[] = [
  { key: 'employeeId', zh: '工号', aliases: ['工号', '员工编号'], required: true },
  { key: 'base', zh: '缴费基数', aliases: ['缴费基数'], required: true },
  { key: 'region', zh: '地区', aliases: ['地区', '城市', '参保地'] },
];

const sheet = (...rows: string[][]): Sheet => ({ format: 'csv', date1904: false, rows: rows.map((cells, i) => ({ row: i + 1, cells })) });

describe('columns of an import file', () => {
  it('compares headers without blanks, case, full-width forms, a * marker or a unit in brackets', () => {
    expect(normalizedHeader(' 缴费基数（元）* ')).toBe('缴费基数');
    expect(normalizedHeader('Employee ID')).toBe('employeeid');
    expect(normalizedHeader('ＥｍｐｌｏｙｅｅＩＤ')).toBe('employeeid');
  });

  it('finds the header below a title row and keeps the data rows after it', () => {
    const table = tableOf(
      sheet(['2024年3月社保缴费明细'], ['员工编号', '缴费基数(元)', '备注'], ['E1', '100'], ['', ''], ['E2', '200']),
      FIELDS,
      {},
      'contributions',
    );
    expect(table.headerRow).toBe(2);
    expect([...table.columns]).toEqual([
      ['employeeId', { index: 0, header: '员工编号' }],
      ['base', { index: 1, header: '缴费基数(元)' }],
    ]);
    expect(table.ignored).toEqual(['备注']);
    expect(table.rows.map((r) => r.row)).toEqual([3, 5]);
  });

  it('lets a mapping name other headers, and ignore a column with null', () => {
    const table = tableOf(
      sheet(['人员代码', '缴费基数', '城市', '参保地']),
      FIELDS,
      { 人员代码: 'employeeId', 城市: null },
      'contributions',
    );
    expect(table.columns.get('employeeId')?.header).toBe('人员代码');
    expect(table.columns.get('region')?.header).toBe('参保地');
  });

  it('refuses a file without a required column, with two columns for one field, or a mapping to an unknown field', () => {
    expect(() => tableOf(sheet(['工号', '地区']), FIELDS, {}, 'contributions')).toThrow(
      /缺少必需的列：缴费基数（base）.*missing required columns: base/,
    );
    expect(() => tableOf(sheet(['工号', '缴费基数', '城市', '参保地']), FIELDS, {}, 'contributions')).toThrow(/both map to region/);
    expect(() => tableOf(sheet(['工号', '缴费基数']), FIELDS, { 工号: 'staffNo' }, 'contributions')).toThrow(FileRejectedError);
    expect(() => tableOf(sheet(['a', 'b'], ['1', '2']), FIELDS, {}, 'contributions')).toThrow(/no header row/);
  });
});
