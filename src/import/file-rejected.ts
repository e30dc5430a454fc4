/**
 * The whole file cannot be imported (unreadable, unsupported format or encoding,
 * no header, a required column missing, a bad mapping): nothing is written and
 * the command exits with 1. Bilingual, as the people who run it read Chinese.
 */
export class FileRejectedError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'FileRejectedError';
  }
}
