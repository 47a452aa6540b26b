import { generatedNdjson } from './bench/generated.ts';
const t = performance.now();
console.log(generatedNdjson(Number(process.argv[2])), performance.now() - t);
