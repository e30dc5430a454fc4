import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';

type Node = SchemaObject | ReferenceObject;

/**
 * The validation pipe refuses a field it does not know (forbidNonWhitelisted, validation.ts: 400
 * naming it), so the document says `additionalProperties: false` on every request body's schema
 * and the schemas within it; a client generated from the document then refuses the unknown field
 * before sending it. A schema also answered in a response is left open: answers may grow fields.
 */
export function withClosedBodies(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Node>;
  const inRequests = new Set<string>();
  const inResponses = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete]) {
      if (!operation) continue;
      const body = operation.requestBody && 'content' in operation.requestBody ? operation.requestBody.content : {};
      for (const media of Object.values(body)) reach(media.schema, schemas, inRequests);
      for (const answer of Object.values(operation.responses ?? {})) {
        const content = answer && 'content' in answer ? (answer.content ?? {}) : {};
        for (const media of Object.values(content)) reach(media.schema, schemas, inResponses);
      }
    }
  }
  for (const name of inRequests) {
    const schema = schemas[name];
    if (
      !inResponses.has(name) &&
      !('$ref' in schema) &&
      schema.type === 'object' &&
      schema.properties &&
      schema.additionalProperties === undefined
    )
      schema.additionalProperties = false;
  }
  return document;
}

/** Adds to `names` every component schema `node` refers to, directly or through properties, items and compositions. */
function reach(node: Node | undefined, schemas: Record<string, Node>, names: Set<string>): void {
  if (!node) return;
  if ('$ref' in node) {
    const name = node.$ref.replace('#/components/schemas/', '');
    if (names.has(name) || !schemas[name]) return;
    names.add(name);
    reach(schemas[name], schemas, names);
    return;
  }
  for (const child of [
    ...Object.values(node.properties ?? {}),
    ...(node.items ? [node.items] : []),
    ...(node.allOf ?? []),
    ...(node.oneOf ?? []),
    ...(node.anyOf ?? []),
  ])
    reach(child, schemas, names);
}
