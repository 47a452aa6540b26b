/** The worker thread of toXlsxAside: writes the workbook of the sheets it was started with. */
import { parentPort, workerData } from 'node:worker_threads';
import { type PlainSheet, workbookBytes } from './xlsx.ts';

const bytes = workbookBytes(workerData as PlainSheet[]);
parentPort!.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
