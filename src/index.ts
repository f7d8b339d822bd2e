// Public API of the mpyts package.
export { readMpy, type ReadOptions } from './mpy/reader.js';
export { writeMpy } from './mpy/writer.js';
export * from './mpy/types.js';
export { MpytsError, MpyFormatError } from './core/errors.js';
