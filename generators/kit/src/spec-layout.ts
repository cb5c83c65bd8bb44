/** Where the spec keeps each part, relative to the spec directory. */
export const SPEC_LAYOUT = {
  openapi: 'openapi.yaml',
  asyncapi: 'asyncapi.yaml',
  schemasDir: 'schemas',
  registry: 'schemas/response-code.schema.json',
  errorResponse: 'schemas/http-error-response.schema.json',
  errorType: 'schemas/error-type.schema.json',
  feedDataStatus: 'schemas/feed-data-status.schema.json',
  feedDataAck: 'schemas/feed-data-ack.schema.json',
} as const;
