/** A multipart/form-data body, as bytes with its content type (boundary included). */
export interface EncodedForm {
  data: Uint8Array;
  contentType: string;
}

const encoder = new TextEncoder();
const quoted = (value: string) => value.replace(/[\r\n"]/g, (c) => encodeURIComponent(c));

/**
 * Encodes the form's fields: a Blob or bytes as a file part, anything else as text (objects
 * as JSON). Built by hand, not with FormData, so every transport sends the same bytes.
 */
export async function encodeMultipart(fields: Record<string, unknown>): Promise<EncodedForm> {
  const boundary = `cohesity-sdk-${crypto.randomUUID()}`;
  const chunks: Uint8Array[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    const file = value instanceof Blob || value instanceof Uint8Array;
    const fileName = value instanceof Blob && 'name' in value && typeof value.name === 'string' ? value.name : name;
    const type = value instanceof Blob && value.type ? value.type : 'application/octet-stream';
    const head = file
      ? `content-disposition: form-data; name="${quoted(name)}"; filename="${quoted(fileName)}"\r\ncontent-type: ${type}`
      : `content-disposition: form-data; name="${quoted(name)}"`;
    chunks.push(encoder.encode(`--${boundary}\r\n${head}\r\n\r\n`));
    if (value instanceof Blob) chunks.push(new Uint8Array(await value.arrayBuffer()));
    else if (value instanceof Uint8Array) chunks.push(value);
    else chunks.push(encoder.encode(typeof value === 'object' ? JSON.stringify(value) : String(value)));
    chunks.push(encoder.encode('\r\n'));
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  const data = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.length;
  }
  return { data, contentType: `multipart/form-data; boundary=${boundary}` };
}
