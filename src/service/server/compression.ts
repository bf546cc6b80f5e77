/**
 * Response compression (gzip or brotli, by Accept-Encoding) for HTML and JSON: the status page of a large
 * catalog is megabytes of repetitive markup. Request bodies are left alone: the OTLP receiver inflates
 * its own gzip bodies under its byte budget, which a generic decompression hook would bypass.
 */
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import { constants } from 'node:zlib';

/** Brotli's default (11) costs ~100× the CPU of level 5 for a few percent: too slow per request. */
const BROTLI_QUALITY = 5;
/** gzip level 6 is zlib's default balance; named so it is not changed by accident. */
const GZIP_LEVEL = 6;

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
    zlibOptions: { level: GZIP_LEVEL },
  });
}
