import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStaticHandler } from './static-files';

/** The HTTP half of the headless host: static renderer files; `/ws` upgrades are attached separately. */
export function createHostServer(rendererDir: string, log: (line: string) => void = () => {}): Server {
  const server = createServer(createStaticHandler(rendererDir, log));
  server.on('clientError', (err, socket) => {
    log(`http: client error: ${err.message}`);
    socket.destroy();
  });
  return server;
}

export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Stops accepting, then drops idle keep-alive sockets so close() does not wait on browsers. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
