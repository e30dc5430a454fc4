import { BadRequestException, createParamDecorator, ExecutionContext, HttpException, PayloadTooLargeException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** A bureau's receipt or an HR export: far above any real one (a 1000-row xlsx is some 60 KB), far below what strains memory. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** A file sent to an upload route: its bytes and, where the client named it, its name. */
export interface UploadedFile {
  bytes: Buffer;
  fileName: string;
}

type UploadRequest = FastifyRequest & { uploadedFile?: UploadedFile };

/** The media types a file upload comes in: a form (browsers), or the file itself (curl --data-binary, scripts). */
const FILE_TYPES = [
  'multipart/form-data',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

const noFile = (message: string) => new BadRequestException({ code: 'NO_FILE', message });

/**
 * File bodies for the routes `isUploadRoute` names (and only those: any other route
 * reads such a body as before, not at all). The file is kept on the request, not as
 * the body, so that the body checks (operator keys, DTO validation) never walk its
 * bytes. A form's first part named `file` is the file; a bare body is the file, named
 * by `?fileName=` or `X-File-Name` (percent-encoded), else `upload`. At most 10 MB
 * (413 PAYLOAD_TOO_LARGE, counted as the bytes arrive, so a larger body is never held).
 */
export function installFileBody(fastify: FastifyInstance, isUploadRoute: (url: string) => boolean): void {
  fastify.addContentTypeParser(FILE_TYPES, (request, payload, done) => {
    // Any other route reads such a body as before: not at all, without holding it in memory.
    if (!isUploadRoute(request.url)) {
      payload.resume();
      return done(null, undefined);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (error: Error | null) => {
      if (finished) return;
      finished = true;
      if (error) return done(error, undefined);
      try {
        (request as UploadRequest).uploadedFile = fileOf(request, Buffer.concat(chunks));
        done(null, undefined);
      } catch (problem) {
        done(problem as HttpException, undefined);
      }
    };
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_UPLOAD_BYTES) return void chunks.push(chunk);
      // The rest is read and dropped (not destroyed: the client then gets its answer, not a reset connection).
      chunks.length = 0;
      finish(new PayloadTooLargeException({ code: 'PAYLOAD_TOO_LARGE', message: 'The file is larger than 10 MB' }));
    });
    payload.on('end', () => finish(null));
    payload.on('error', (error) => finish(error));
  });
}

/** The uploaded file of the request, as a handler parameter; 400 NO_FILE without one. */
export const Upload = createParamDecorator((_: unknown, context: ExecutionContext): UploadedFile => {
  const file = context.switchToHttp().getRequest<UploadRequest>().uploadedFile;
  if (!file || file.bytes.length === 0) {
    throw noFile(
      '请上传回执文件（multipart/form-data 的 file 字段，或以 text/csv、xlsx 作为请求体）/ Send the receipt file: a multipart/form-data part named file, or the file itself as a text/csv or xlsx body.',
    );
  }
  return file;
});

function fileOf(request: FastifyRequest, bytes: Buffer): UploadedFile {
  const type = request.headers['content-type'] ?? '';
  if (/^multipart\/form-data/i.test(type)) return formFile(bytes, type);
  const query = request.query as Record<string, unknown> | undefined;
  const named = typeof query?.fileName === 'string' ? query.fileName : headerName(request.headers['x-file-name']);
  return { bytes, fileName: safeName(named) ?? 'upload' };
}

const headerName = (value: string | string[] | undefined): string | undefined => {
  if (typeof value !== 'string') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
};

/** A name for reports and the events' origin: the last path segment, printable, at most 200 characters. */
function safeName(name: string | undefined): string | undefined {
  const base = name
    ?.split(/[\\/]/)
    .pop()
    // Control characters are what is removed.
    // eslint-disable-next-line no-control-regex
    ?.replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return base ? base.slice(0, 200) : undefined;
}

/**
 * The part named `file` of a multipart/form-data body (RFC 7578): parts are separated
 * by `--boundary` lines, each with its headers, a blank line, then its bytes up to the
 * CRLF before the next boundary. Other parts are ignored.
 */
export function formFile(body: Buffer, contentType: string): UploadedFile {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) throw noFile('multipart/form-data 缺少 boundary / The multipart/form-data content type has no boundary.');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString('latin1') === '--') break;
    const headersEnd = body.indexOf('\r\n\r\n', start);
    if (headersEnd < 0) break;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headersEnd + 4);
    if (next < 0) break;
    const headers = body.subarray(start, headersEnd).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    if (/\bname="file"/i.test(disposition)) {
      const fileName = /filename\*=UTF-8''([^;\r\n]+)/i.exec(disposition)?.[1] ?? /filename="([^"]*)"/i.exec(disposition)?.[1];
      return { bytes: body.subarray(headersEnd + 4, next), fileName: safeName(headerName(fileName) ?? fileName) ?? 'upload' };
    }
    at = next + 2;
  }
  throw noFile('表单中没有名为 file 的文件 / The form has no part named file.');
}
