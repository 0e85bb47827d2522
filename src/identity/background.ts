/* Work done after the response: mail and the lookups whose cost would otherwise tell an
   observer whether an address is registered (AUTH-5, AUTH-7). Failures are logged (never with
   the message body) and do not reach the client. `idle()` lets shutdown and tests wait for
   the queue to drain instead of sleeping. */
import type { Logger } from 'pino';

export interface Background {
  run(name: string, task: () => Promise<void>): void;
  idle(): Promise<void>;
}

export function createBackground(logger: Logger): Background {
  const running = new Set<Promise<void>>();
  return {
    run(name, task) {
      const p: Promise<void> = Promise.resolve()
        .then(task)
        .catch((err: unknown) => logger.error({ err, task: name }, 'background task failed'))
        .finally(() => running.delete(p));
      running.add(p);
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
