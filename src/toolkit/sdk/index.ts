export { defineSlos } from './define-slos.js';
export type * from './types.js';
