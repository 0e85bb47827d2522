/* The node bus: the one piece of cluster machinery in Palisade (docs/architecture.md). Nodes
   share nothing but PostgreSQL; what a node keeps in memory that another node can change (the
   session revocation set, the authorization facts cache, the verified API-key cache) is kept
   current by LISTEN/NOTIFY through this bus, and only this bus speaks the node protocol.

   Invariants:
   - One node id and one listening connection per process (postgres.js LISTENs every channel on
     one dedicated connection), so PostgreSQL delivers this node every notification of every
     channel in commit order.
   - Trust: the bus NOTIFYs itself a heartbeat (`ping:<node>:<n>`) every `heartbeatMs`. It is
     trusted only once the echo of its latest ping has come back on the listening connection
     after every channel's LISTEN was in place. A missed echo, a (re)connection of the listener
     or a new channel makes it untrusted: subscribers are told (`untrusted`), the epoch moves,
     and caches are bypassed until an echo comes back (`trusted`). Fails closed.
   - Peers: another node is live while its heartbeat was seen within three heartbeats.
   - barrier(): after a change commits, the changer sends `sync:<tag>` and waits until every
     live peer answered `ack:<tag>:<node>`. Notifications arrive in commit order on each
     listener, so a peer that acknowledged has processed every notification, on every channel,
     committed before the sync. Bounded by two heartbeats and a margin: by then a peer that
     cannot answer has missed its own heartbeat echo and stopped trusting its caches. */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { withSystem } from './org-tx.js';
import type { Db } from './types.js';

/** The bus's own channel: heartbeats, barrier syncs and acknowledgements. */
export const NODE_CHANNEL = 'palisade_node';

export interface BusSubscriber {
  /** A notification on the subscribed channel. */
  message(payload: string): void;
  /** The bus can no longer be sure it heard every notification: drop what they keep current. */
  untrusted?(): void;
  /** The bus hears every notification again (after having been untrusted). */
  trusted?(): void;
}

export interface NodeBus {
  readonly nodeId: string;
  /** Receives the channel's notifications (LISTEN is issued on first use; until it is in place
      and a heartbeat echo has followed, the bus is untrusted). Returns an unsubscribe function. */
  subscribe(channel: string, subscriber: BusSubscriber): () => void;
  trusted(): boolean;
  /** Moves every time trust is lost: a value read under trust is current while it has not moved. */
  epoch(): number;
  /** Resolves when the bus is trusted, or after `timeoutMs` (false then). */
  ready(timeoutMs?: number): Promise<boolean>;
  /** Resolves once every other live node has processed every notification committed before the
      call, or after two heartbeats; nodes that did not answer are logged with `warn.code`. */
  barrier(warn: { code: string; message: string }): Promise<void>;
  /** Other nodes seen alive (their heartbeats). */
  livePeers(): number;
  /** Test hook: behave as after a missed heartbeat echo. */
  markUntrusted(): void;
  stop(): Promise<void>;
}

export interface NodeBusOptions {
  db: Db;
  logger: Logger;
  heartbeatMs?: number;
}

interface AckWait {
  from: Set<string>;
  wake: (() => void) | null;
}

const SYNC = /^sync:(([0-9a-f]{16}):\d+)$/;
const ACK = /^ack:([0-9a-f]{16}:\d+):([0-9a-f]{16})$/;
const PING = /^ping:([0-9a-f]{16}):(\d+)$/;

export async function startNodeBus(opts: NodeBusOptions): Promise<NodeBus> {
  const { db } = opts;
  const log = opts.logger.child({ component: 'node-bus' });
  const heartbeatMs = opts.heartbeatMs ?? 2000;
  const nodeId = randomBytes(8).toString('hex');
  const channels = new Map<string, Set<BusSubscriber>>();
  const listening: Array<Promise<{ unlisten(): Promise<void> }>> = [];
  /** Other nodes by id → when (real time, ms) their heartbeat was last seen. */
  const peers = new Map<string, number>();
  /** Barrier tag → the nodes that acknowledged it, and a waiter to wake. */
  const acks = new Map<string, AckWait>();
  const readyWaiters = new Set<() => void>();
  let trusted = false;
  let epoch = 0;
  let pingSent = 0;
  let pongSeen = 0;
  let tagSeq = 0;
  let listenFailed = false;
  let stopped = false;

  const each = (fn: (s: BusSubscriber) => void): void => {
    for (const subscribers of channels.values()) {
      for (const s of subscribers) {
        try {
          fn(s);
        } catch (e) {
          log.error({ err: e }, 'a node bus subscriber failed');
        }
      }
    }
  };
  const untrust = (): void => {
    trusted = false;
    epoch++;
    each((s) => s.untrusted?.());
  };
  const send = (payload: string): void => {
    withSystem(db, (tx) => tx.sql`select pg_notify(${NODE_CHANNEL}, ${payload})`).catch(() => {
      // The database is unreachable: the missed heartbeat echo makes the bus untrusted.
    });
  };
  const ping = (): void => {
    if (!stopped) send(`ping:${nodeId}:${++pingSent}`);
  };
  const livePeerIds = (): string[] => {
    const cutoff = Date.now() - 3 * heartbeatMs;
    return [...peers].filter(([, at]) => at >= cutoff).map(([id]) => id);
  };

  const onNodeMessage = (payload: string): void => {
    let m = SYNC.exec(payload);
    if (m) {
      if (m[2] !== nodeId) send(`ack:${m[1]}:${nodeId}`);
      return;
    }
    m = ACK.exec(payload);
    if (m) {
      const waiting = acks.get(m[1] ?? '');
      if (waiting) {
        waiting.from.add(m[2] ?? '');
        waiting.wake?.();
      }
      return;
    }
    m = PING.exec(payload);
    if (!m) return;
    if (m[1] !== nodeId) {
      peers.set(m[1] ?? '', Date.now());
      return;
    }
    const n = Number(m[2]);
    if (n > pongSeen) pongSeen = n;
    if (!trusted && n === pingSent && !stopped && !listenFailed) {
      trusted = true;
      each((s) => s.trusted?.());
      for (const wake of readyWaiters) wake();
    }
  };

  /* First LISTEN of a channel and every reconnect of the listener: notifications may have been
     missed, so trust returns only with the echo of a ping sent after this. */
  const onListen = (): void => {
    untrust();
    ping();
  };
  const listen = (channel: string, onMessage: (payload: string) => void): Promise<unknown> => {
    const p = db.system.listen(channel, onMessage, onListen);
    listening.push(p);
    return p.catch((e: unknown) => {
      listenFailed = true;
      untrust();
      log.error({ err: e, channel }, 'LISTEN failed; caches fed by notifications stay bypassed');
    });
  };

  const heartbeat = (): void => {
    if (stopped) return;
    const peerCutoff = Date.now() - 3 * heartbeatMs;
    for (const [id, at] of peers) if (at < peerCutoff) peers.delete(id);
    if (pongSeen < pingSent && trusted) {
      untrust();
      log.warn({ code: 'PAL_WARN_NODE_BUS_LISTENER' }, 'the node bus missed its heartbeat echo; sessions and permissions are read from the database until it is back');
    }
    ping();
  };

  await listen(NODE_CHANNEL, onNodeMessage);
  const timer = setInterval(heartbeat, heartbeatMs);
  timer.unref();

  return {
    nodeId,
    subscribe(channel, subscriber) {
      if (channel === NODE_CHANNEL) throw new TypeError('the node channel is the bus\'s own');
      let subscribers = channels.get(channel);
      if (!subscribers) {
        const set = new Set<BusSubscriber>();
        subscribers = set;
        channels.set(channel, set);
        untrust();
        void listen(channel, (payload) => {
          for (const s of set) s.message(payload);
        });
      }
      subscribers.add(subscriber);
      const set = subscribers;
      return () => {
        set.delete(subscriber);
      };
    },
    trusted: () => trusted,
    epoch: () => epoch,
    ready(timeoutMs = 10 * heartbeatMs) {
      if (trusted) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const done = (): void => {
          clearTimeout(t);
          readyWaiters.delete(done);
          resolve(trusted);
        };
        const t = setTimeout(done, timeoutMs);
        readyWaiters.add(done);
      });
    },
    async barrier(warn) {
      const live = livePeerIds();
      if (live.length === 0 || stopped) return;
      const tag = `${nodeId}:${++tagSeq}`;
      const entry: AckWait = { from: new Set(), wake: null };
      acks.set(tag, entry);
      const deadline = Date.now() + 2 * heartbeatMs + 500;
      try {
        send(`sync:${tag}`);
        while (!stopped && live.some((p) => !entry.from.has(p)) && Date.now() < deadline) {
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
            entry.wake = () => {
              clearTimeout(t);
              resolve();
            };
          });
          entry.wake = null;
        }
        const missing = live.filter((p) => !entry.from.has(p));
        if (missing.length) log.warn({ code: warn.code, nodes: missing.length }, warn.message);
      } finally {
        acks.delete(tag);
      }
    },
    livePeers: () => livePeerIds().length,
    markUntrusted: untrust,
    async stop() {
      if (stopped) return;
      stopped = true;
      trusted = false;
      epoch++;
      clearInterval(timer);
      for (const entry of acks.values()) entry.wake?.();
      for (const wake of readyWaiters) wake();
      const subs = await Promise.allSettled(listening);
      await Promise.all(subs.map((s) => (s.status === 'fulfilled' ? s.value.unlisten().catch(() => {}) : undefined)));
    },
  };
}
