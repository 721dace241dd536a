import { spawn, type ChildProcessWithoutNullStreams, type SpawnOptionsWithoutStdio } from 'node:child_process';

/** A server started as its own process, once it has printed the address it serves. */
export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  /** All it has printed so far, standard output and error together. */
  output(): string;
  /** Its exit code, once it has exited. */
  exited: Promise<number | null>;
}

/**
 * Starts a server command (the CLI, or the command an install put on disk) and resolves once it
 * prints the first URL it serves, with that URL's port; rejects with its output if it exits first.
 */
export function startServerProcess(command: string, args: string[], options: SpawnOptionsWithoutStdio = {}): Promise<ServerProcess> {
  const child = spawn(command, args, options);
  let printed = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const match = /serving Anki-Connect API v6 on http:\/\/(?:\[[^\]]+\]|[^/:]+):(\d+)/.exec(printed);
      if (match?.[1] !== undefined) resolve({ child, port: Number(match[1]), output: () => printed, exited });
    });
    void exited.then((code) => reject(new Error(`${command} exited with ${String(code)} before serving:\n${printed}`)));
  });
}
