// Public API of the mpyts package.
export { readMpy, type ReadOptions } from './mpy/reader.js';
export { writeMpy } from './mpy/writer.js';
export * from './mpy/types.js';
export { MpytsError, MpyFormatError } from './core/errors.js';
export { compile, CompileError, type CompileOptions } from './compile/index.js';
export { runMpyTool, mergeMpy, freezeModules, type ToolInput, type ToolOptions, type ToolResult } from './tool/index.js';
