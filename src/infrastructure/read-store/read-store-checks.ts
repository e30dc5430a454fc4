/**
 * The input checks both read-store adapters share. Collection names and field paths
 * end up in SQL text and in MongoDB queries, and filter conditions become SQL
 * clauses or MongoDB operators: nothing unchecked may pass. Keeping the checks in one
 * place makes both stores refuse the same inputs with the same errors. What only one
 * store needs (its position limit, Mongo's reserved `_id`/`_pos`) stays in its adapter.
 */
import { FieldCondition, ReadDocument, Scalar, UnderPrefixChange } from './read-store.port';

const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
const RANGE_OPERATORS = ['$gt', '$gte', '$lt', '$lte'] as const;

export type RangeOperator = (typeof RANGE_OPERATORS)[number];

/** A filter condition taken apart into checked pieces: the adapters build queries from these, never from the input. */
export type CheckedCondition =
  { kind: 'equals'; value: Scalar } | { kind: 'in'; values: Scalar[] } | { kind: 'range'; bounds: Array<[RangeOperator, string | number]> };

/** Whether a name is a valid collection name: also tells a store's own collections (e.g. `_checkpoints`) from the API's. */
export function isCollectionName(name: unknown): name is string {
  return typeof name === 'string' && COLLECTION_NAME.test(name);
}

/** A collection name is inlined as a SQL table name and names a MongoDB collection: a strict pattern only. */
export function checkCollection(collection: string): string {
  if (!isCollectionName(collection)) throw new TypeError(`Invalid collection name: ${JSON.stringify(collection)}`);
  return collection;
}

/** A field path is inlined in SQL JSON paths and becomes a MongoDB key: no quotes, no `$`, dots only between names. */
export function checkField(field: string): string {
  if (!FIELD_PATH.test(field)) throw new TypeError(`Invalid field name: ${JSON.stringify(field)}`);
  return field;
}

/** An index without fields would be invalid DDL in SQLite and an empty key in MongoDB. */
export function checkIndexFields(collection: string, fields: string[]): void {
  if (fields.length === 0) throw new TypeError(`Index on ${collection} has no fields`);
}

/** limit and skip reach SQL LIMIT/OFFSET and the MongoDB driver: whole numbers from 0 only. */
export function checkCount(name: string, value: number | undefined): number | undefined {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) throw new RangeError(`Invalid ${name}: ${value}`);
  return value;
}

/** A sort direction picks ASC/DESC in SQL and is passed to MongoDB as is: 1 or -1 only. */
export function checkSortDirection(field: string, direction: unknown): 1 | -1 {
  if (direction !== 1 && direction !== -1) throw new TypeError(`Invalid sort direction for ${field}: ${String(direction)}`);
  return direction;
}

/** Only equality, `$in` and the four ranges are supported: any other operator would reach MongoDB or break the SQL. */
export function checkCondition(field: string, condition: FieldCondition): CheckedCondition {
  if (typeof condition !== 'object' || condition === null) return { kind: 'equals', value: checkScalar(field, condition) };
  const operators = Object.keys(condition);
  if (operators.length === 1 && operators[0] === '$in') {
    const values = (condition as { $in: unknown }).$in;
    if (!Array.isArray(values)) throw new TypeError(`$in of ${field} is not an array`);
    return { kind: 'in', values: values.map((v) => checkScalar(field, v)) };
  }
  if (operators.length === 0 || !operators.every(isRangeOperator)) {
    throw new TypeError(`Unsupported condition on ${field}: ${JSON.stringify(condition)}`);
  }
  const bounds = (Object.entries(condition) as Array<[RangeOperator, unknown]>).map(([op, bound]): [RangeOperator, string | number] => {
    if (!(typeof bound === 'string' || isFiniteNumber(bound))) throw new TypeError(`${op} of ${field} is not a string or number`);
    return [op, bound];
  });
  return { kind: 'range', bounds };
}

/** The fields of a find's `fields`: top-level names (no dotted paths), each once. */
export function checkFields(fields: string[] | undefined): string[] | undefined {
  if (fields === undefined) return undefined;
  if (!Array.isArray(fields)) throw new TypeError(`Invalid fields: ${JSON.stringify(fields)}`);
  for (const field of fields) {
    if (checkField(field).includes('.')) throw new TypeError(`fields takes top-level names only: ${JSON.stringify(field)}`);
  }
  if (new Set(fields).size !== fields.length) throw new TypeError(`Repeated field in fields: ${JSON.stringify(fields)}`);
  return fields.filter((field) => field !== 'id');
}

/**
 * updateAllUnder's change: top-level fields only (set, increment), none of them the id,
 * the increment not also set; `where` is checked as a find's filter is, without the id
 * (the prefix is the id's condition).
 */
export function checkUnderPrefixChange(idPrefix: string, change: UnderPrefixChange): UnderPrefixChange {
  if (typeof idPrefix !== 'string' || idPrefix === '') throw new TypeError('updateAllUnder needs a non-empty id prefix');
  const changed = [...Object.keys(change.set), change.increment];
  for (const field of changed) {
    if (checkField(field).includes('.') || field === 'id')
      throw new TypeError(`updateAllUnder changes top-level fields but the id: ${JSON.stringify(field)}`);
  }
  if (new Set(changed).size !== changed.length)
    throw new TypeError(`updateAllUnder sets and increments one field: ${JSON.stringify(change.increment)}`);
  for (const [field, value] of Object.entries(change.set)) {
    const scalar =
      value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    if (!scalar) throw new TypeError(`updateAllUnder sets scalars only: ${field}`);
  }
  if ('id' in change.where) throw new TypeError('updateAllUnder finds by its id prefix: `where` may not name the id');
  for (const [field, condition] of Object.entries(change.where)) checkCondition(field, condition);
  return change;
}

/** A document's id is the primary key in both stores (SQLite's id column, MongoDB's _id): a string, always. */
export function checkDocumentId(collection: string, doc: ReadDocument): string {
  if (typeof doc?.id !== 'string') throw new TypeError(`A document of ${collection} has no string id`);
  return doc.id;
}

/** Own names only: `in` on an object would also admit `toString`, `constructor` and the like. */
function isRangeOperator(op: string): op is RangeOperator {
  return (RANGE_OPERATORS as readonly string[]).includes(op);
}

/** Values compared against are bound parameters or query values: JSON scalars only, no objects or operators. */
function checkScalar(field: string, value: unknown): Scalar {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value)) return value;
  throw new TypeError(`Unsupported value for ${field}: ${JSON.stringify(value)}`);
}

/** NaN and Infinity have no JSON form: they would not compare as the caller expects in either store. */
function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
