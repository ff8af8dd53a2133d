import { EventEmitter } from 'node:events';
import type { UtilityProcess } from 'electron';
import type { NodeChild, NodeRunner } from '../local/stack';

type Fork = (modulePath: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; stdio: 'pipe'; serviceName: string }) => UtilityProcess;

/**
 * cognito-local in Electron's utility process. The packaged app's RunAsNode fuse is off, so it
 * can't start itself as Node; a utility process is Node without that switch, and Chromium ends it
 * when the app exits or is killed (so it needs no exit-with-parent pipe).
 */
export function utilityNodeRunner(fork: Fork): NodeRunner {
  return (script, { cwd, env }) => {
    const child = fork(script, [], { cwd, env, stdio: 'pipe', serviceName: 'cognito-local' });
    const events = new EventEmitter();
    const state: { exitCode: number | null } = { exitCode: null };
    child.once('exit', (code) => {
      state.exitCode = code;
      events.emit('exit', code);
    });
    const adapted: NodeChild = {
      get pid() {
        return child.pid;
      },
      get exitCode() {
        return state.exitCode;
      },
      signalCode: null,
      stdout: child.stdout,
      stderr: child.stderr,
      kill: () => child.kill(),
      once(event, listener) {
        events.once(event, listener);
        return this;
      },
      off(event, listener) {
        events.off(event, listener);
        return this;
      },
    };
    return adapted;
  };
}
