/** The worker thread of sheetFilesAside: writes the workbook and CSV of the sheets it was started with. */
import { parentPort, workerData } from 'node:worker_threads';
import { type PlainSheet, sheetFiles } from './xlsx.ts';

const files = sheetFiles(workerData as PlainSheet[]);
// The bytes move to the calling thread, not copied (each file has its own buffer).
parentPort!.postMessage(files, [files.workbook, ...files.csv].map((bytes) => bytes.buffer as ArrayBuffer));
