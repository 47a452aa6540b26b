/**
 * Sets an environment variable for a test and gives back the function that restores the run's
 * own value (the suite also runs with PULSE_NATIVE=0 and PULSE_IO_URING=0 set for the whole run).
 */
export function setEnv(name: string, value: string): () => void {
  const before = process.env[name];
  process.env[name] = value;
  return () => {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  };
}
