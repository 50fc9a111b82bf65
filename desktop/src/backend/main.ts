/** Entry of the backend utility process (bundled to `dist/backend.cjs`). */
import type {} from 'electron'; // declares `process.parentPort`
import { runBackendProcess } from './process.ts';

runBackendProcess(process.parentPort, process.argv, (code) => process.exit(code));
