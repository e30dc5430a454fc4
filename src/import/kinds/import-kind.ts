import { FieldSpec } from '../columns';
import { RowReader } from '../row-reader';
import { RowRun } from '../row-run';

/** What a kind of file is made of, and what one of its rows does. */
export interface ImportKindDefinition<Row> {
  fields: FieldSpec[];
  /** Field names in the deciders' errors that are fields of this file under another key (a field of the same key needs no entry). */
  domainFields?: Record<string, string>;
  /** The row's values, or undefined when the reader found problems. */
  read(reader: RowReader): Row | undefined;
  /**
   * True for a row of several commands: it is first applied to a scratch layer
   * over the store, so that a refusal of a later command leaves nothing written.
   */
  severalCommands?(row: Row): boolean;
  apply(row: Row, run: RowRun): Promise<void>;
}
