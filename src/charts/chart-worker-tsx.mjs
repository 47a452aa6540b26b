// Starts the chart worker from its TypeScript source (tests and `tsx` runs): registers tsx's
// loader in this thread first. The built bundle uses dist/chart-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./chart-worker.ts');
