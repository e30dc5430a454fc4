import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { RowReader } from './row-reader';

/**
 * The API's input rules, applied to a row: the same DTO classes and validators as
 * POST /api/... (lengths, id patterns, money with two decimals, e-mail and phone
 * shapes), so that an import accepts exactly what the API accepts. A field the
 * reader already found wrong is not reported twice.
 */
export function checkApiRules(
  reader: RowReader,
  dto: new () => object,
  input: object,
  fieldOf: (path: string) => string = (path) => path,
): void {
  for (const { path, constraint, message } of violations(validateSync(plainToInstance(dto, input)))) {
    const key = fieldOf(path);
    if (reader.hasProblem(key)) continue;
    reader.problem(
      key,
      'INVALID_VALUE',
      (header) => `「${header}」${ZH[constraint] ?? '不符合要求'}`,
      () => message,
    );
  }
}

const ZH: Record<string, string> = {
  matches: '格式不正确',
  isIn: '不是可接受的值',
  isString: '须为文本',
  isText: '须为非空文本，不得含控制字符或无效字符，且不超过长度上限',
  isLength: '长度不符合要求',
  isEmail: '不是有效的电子邮箱',
  isResidentId: '不是有效的身份证号',
  isCalendarDate: '不是有效日期',
  isCalendarMonth: '不是有效月份',
  isMoney: '须为不小于 0、最多两位小数的金额',
  isPositive: '须大于 0',
  arrayMinSize: '须至少填一项',
  arrayMaxSize: '项数过多',
  arrayUnique: '不能重复',
  isBoolean: '应为 是 或 否',
};

function violations(errors: ValidationError[], parent = ''): Array<{ path: string; constraint: string; message: string }> {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    // One message per field is enough: the first rule it breaks.
    const [constraint, message] = Object.entries(error.constraints ?? {})[0] ?? [];
    const own = constraint && message ? [{ path, constraint, message }] : [];
    return [...own, ...violations(error.children ?? [], path)];
  });
}
