// Starts the leaderboard helper from its TypeScript source (tests and `tsx` runs): registers
// tsx's loader in this thread first. The built bundle uses dist/leaderboard-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./leaderboard-worker.ts');
