/**
 * The worker thread of sheetFilesAside and writeSheetFilesAside: does the sheet job it was
 * started with (sheetJob). An error (a file that cannot be written) is the thread's, and the
 * calling thread's promise rejects with it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type SheetFiles, type SheetJob, sheetJob } from './xlsx.ts';
import { yieldToNotebooks } from '../worker-script.ts';

// The files are wanted when the report's pages are written: until then its notebooks come first.
yieldToNotebooks();
const answer = sheetJob(workerData as SheetJob, true);
// Bytes move to the calling thread, not copied (each file has its own buffer).
const bytes = 'workbook' in answer ? [(answer as SheetFiles).workbook, ...(answer as SheetFiles).csv] : [];
parentPort!.postMessage(answer, bytes.map((file) => file.buffer as ArrayBuffer));
