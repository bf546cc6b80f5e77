/** Content-Encoding of an OTLP body: none or gzip, inflated off the event loop and never past `maxBytes`. */
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { ApiError } from '../server/error-body.js';

const gunzipAsync = promisify(gunzip);

export async function inflateBody(body: Buffer, encoding: string | undefined, maxBytes: number): Promise<Buffer> {
  if (encoding === undefined || encoding === 'identity') return body;
  if (encoding !== 'gzip') throw new ApiError(415, 'UNSUPPORTED_ENCODING', `content-encoding ${encoding} is not supported; use gzip or none`);
  try {
    return await gunzipAsync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `the body inflates to more than ${maxBytes} bytes (otlp.maxBodyBytes); send smaller batches`);
    }
    throw new ApiError(400, 'BAD_REQUEST', `invalid gzip body: ${(error as Error).message}`);
  }
}
