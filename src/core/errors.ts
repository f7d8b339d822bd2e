// Error types that mpyts code raises on purpose. Anything else escaping a public API is a bug (the fuzz
// tests assert exactly that).

/** Base class of every deliberate mpyts error. */
export class MpytsError extends Error {
  override name = 'MpytsError';
}

/**
 * A malformed, truncated or incompatible .mpy. `message` is upstream's wording where upstream has one
 * (e.g. "incompatible .mpy version", "not a valid .mpy file").
 */
export class MpyFormatError extends MpytsError {
  override name = 'MpyFormatError';
}
