/* Waiting for other nodes' acknowledgements of a NOTIFY — a session revocation
   (identity/revocation.ts), an authorization change (authz/facts-cache.ts). The listener that
   receives an `ack` adds the node to `entry.from` and calls `entry.wake`. */

export interface AckWait {
  from: Set<string>;
  wake: (() => void) | null;
}

/** Waits until every node of `live` has acknowledged, `deadline` (epoch ms) has passed, or
    `stopped()` says so; returns the nodes that did not acknowledge. */
export async function awaitAcks(entry: AckWait, live: readonly string[], deadline: number, stopped: () => boolean): Promise<string[]> {
  while (!stopped() && live.some((p) => !entry.from.has(p)) && Date.now() < deadline) {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
      entry.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
    entry.wake = null;
  }
  return live.filter((p) => !entry.from.has(p));
}
