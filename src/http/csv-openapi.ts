import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/**
 * A report's 200 in the OpenAPI document: the page as JSON, or with `Accept: text/csv` (csv.ts) the
 * same page as a CSV file. Declared as two media types, each with its own schema, so that a client
 * generated from the document types the JSON answer and reads the CSV one as text.
 */
export const ApiJsonOrCsvResponse = (page: Type<unknown>, description: string): MethodDecorator =>
  applyDecorators(
    ApiExtraModels(page),
    ApiOkResponse({
      description,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(page) } },
        'text/csv': { schema: { type: 'string', description: 'UTF-8 with a byte-order mark, one header line' } },
      },
    }),
  );
