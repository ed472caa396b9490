// Export API Definition…: what GetExport offers (the console's Export tab), and the names of the
// files the export and Generate SDK… save. Unit-tested.

/** What GetExport is asked for: `oas30` or `swagger`, as `application/json` or `application/yaml`, with `extensions` (comma-joined) or none. */
export interface ExportRequest {
  readonly exportType: string;
  readonly accepts: string;
  readonly extensions?: string;
}

export interface Choice<Id extends string = string> {
  readonly id: Id;
  readonly label: string;
  readonly detail: string;
}

export type ExportType = 'oas30' | 'swagger';
export type ExportFormat = 'json' | 'yaml';

export const EXPORT_TYPES: readonly Choice<ExportType>[] = [
  { id: 'oas30', label: 'OpenAPI 3', detail: 'OpenAPI 3.0 (exportType oas30)' },
  { id: 'swagger', label: 'Swagger 2', detail: 'OpenAPI 2.0, known as Swagger (exportType swagger)' },
];

export const EXPORT_FORMATS: readonly (Choice<ExportFormat> & { readonly accepts: string })[] = [
  { id: 'json', label: 'JSON', detail: 'accepts application/json', accepts: 'application/json' },
  { id: 'yaml', label: 'YAML', detail: 'accepts application/yaml', accepts: 'application/yaml' },
];

/** AWS's `extensions` values: which x-amazon-apigateway-* (or Postman) extensions the definition carries. */
export const EXPORT_EXTENSIONS: readonly Choice[] = [
  { id: 'integrations', label: 'integrations', detail: 'x-amazon-apigateway-integration on each method: to import into API Gateway' },
  { id: 'authorizers', label: 'authorizers', detail: 'x-amazon-apigateway-authorizer: to import into API Gateway' },
  { id: 'apigateway', label: 'apigateway', detail: 'all API Gateway extensions, integrations and authorizers included: to import into API Gateway' },
  { id: 'postman', label: 'postman', detail: 'Postman extensions: to import into Postman' },
];

/**
 * `parameters.extensions`: the picked ones comma-joined in AWS's order, or undefined for none (a plain
 * definition). `apigateway` already means integrations and authorizers: they are not sent again.
 */
export function extensionsParameter(picked: readonly string[]): string | undefined {
  const known = EXPORT_EXTENSIONS.map((e) => e.id).filter((id) => picked.includes(id));
  const ids = known.includes('apigateway') ? known.filter((id) => id !== 'integrations' && id !== 'authorizers') : known;
  return ids.length ? ids.join(',') : undefined;
}

export function exportRequest(type: ExportType, format: ExportFormat, extensions: readonly string[]): ExportRequest {
  const accepts = EXPORT_FORMATS.find((f) => f.id === format)!.accepts;
  return { exportType: type, accepts, extensions: extensionsParameter(extensions) };
}

/** A file name of parts joined with `-`: characters file systems refuse, and spaces, become `_`. */
export function fileName(parts: readonly string[], extension: string): string {
  return `${parts.map((p) => p.replace(/[^\w.-]+/g, '_')).join('-')}.${extension}`;
}

/** The definition as a person reads it: JSON on one line (as moto answers it) indented; anything else as it came. */
export function readableDefinition(text: string, format: ExportFormat): string {
  if (format !== 'json' || text.includes('\n')) return text;
  try {
    return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  } catch {
    return text;
  }
}

