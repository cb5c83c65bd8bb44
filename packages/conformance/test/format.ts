import type { Vectors as Written } from '@iotv1/generator-conformance';
import type { Vectors as Read } from '../src/index.js';

/*
 * The vectors file has a writer (the generator's types) and a reader (this package's): the type check fails the
 * moment the two describe different files.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const writerAndReaderAgree: Same<Written, Read> = true;
