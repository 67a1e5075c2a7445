import { createConnection, createServer, type Server, type Socket } from "node:net";

/**
 * A loopback TCP proxy in front of a database, so a test can cut the connection under a running
 * app (every open socket destroyed, new ones refused) and restore it on the same port: the outage
 * a real client sees when its database goes away and comes back.
 */
export type TcpProxy = {
  port: number;
  /** Every open socket destroyed, new connections refused. */
  cut(): Promise<void>;
  /** Every open socket destroyed, new connections accepted and never answered (a partition). */
  blackhole(): void;
  restore(): Promise<void>;
  close(): Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let silent = false;

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const next = createServer((client) => {
        if (silent) {
          sockets.add(client);
          client.on("close", () => sockets.delete(client));
          client.on("error", () => client.destroy());
          return;
        }
        const upstream = createConnection(target);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
      });
      next.once("error", reject);
      next.listen(port, "127.0.0.1", () => {
        server = next;
        resolve((next.address() as { port: number }).port);
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });

  const port = await listen(0);
  return {
    port,
    cut: stop,
    blackhole: () => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      silent = true;
    },
    restore: async () => {
      silent = false;
      if (!server) await listen(port);
    },
    close: stop,
  };
}
