/** What other features may use of the import machinery (a bureau's receipt is read row by row like an import): the rest is its own business. */
export { columnHeader, FieldSpec, Table, tableOf } from './columns';
export { FileRejectedError } from './file-rejected';
export { Problem, rejected, RowRejected } from './problems';
export { readSheet } from './read-sheet';
export { RowReader } from './row-reader';
export { ImportSession, RowRun } from './row-run';
export { Sheet } from './sheet';
