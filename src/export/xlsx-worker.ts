/** The worker thread of sheetFilesAside: writes the workbook and CSV texts of the sheets it was started with. */
import { parentPort, workerData } from 'node:worker_threads';
import { type PlainSheet, sheetFiles } from './xlsx.ts';

const files = sheetFiles(workerData as PlainSheet[]);
parentPort!.postMessage(files, [files.workbook.buffer as ArrayBuffer]);
