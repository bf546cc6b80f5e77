/** The Content-Security-Policy of the service's HTML pages: only their own scripts and styles, nothing else. */
export function pageCsp(scriptSrc: string, styleSrc: string): string {
  return [
    "default-src 'none'",
    `script-src ${scriptSrc}`,
    `style-src ${styleSrc}`,
    'img-src data:',
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
