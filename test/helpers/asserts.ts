/** Shared assertions for tests. */
import { SeiferError } from '../../src/errors';

/** The SeiferError `fn` throws (anything else is rethrown; no throw fails the test). */
export function thrownSeiferError(fn: () => unknown): SeiferError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SeiferError) return error;
    throw error;
  }
  throw new Error('expected a SeiferError');
}
