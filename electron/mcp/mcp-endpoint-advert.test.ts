import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { makeTempDir } from '../core/test-support/temp-dir';
import { advertiseMcpEndpoint, localMcpUrl, MCP_ENDPOINT_FILE_NAME, readMcpEndpoint } from './mcp-endpoint-advert';

let temp: ReturnType<typeof makeTempDir> | undefined;
afterEach(() => temp?.cleanup());

it('is read back only for the pid holding the lock, and removed by its own writer', () => {
  temp = makeTempDir();
  const remove = advertiseMcpEndpoint(temp.dir, { host: 'tradewind serve', url: localMcpUrl('0.0.0.0', 7421) });
  expect(readMcpEndpoint(temp.dir, process.pid)).toEqual({ pid: process.pid, host: 'tradewind serve', url: 'http://127.0.0.1:7421/mcp' });
  // Left by a host that was killed: the new lock holder is another process.
  expect(readMcpEndpoint(temp.dir, process.pid + 1)).toBeUndefined();
  remove();
  expect(fs.existsSync(path.join(temp.dir, MCP_ENDPOINT_FILE_NAME))).toBe(false);
  remove();
});

it('never carries a credential, and ignores a file that does', () => {
  temp = makeTempDir();
  expect(() => advertiseMcpEndpoint(temp!.dir, { host: 'x', url: 'http://127.0.0.1:1/mcp?token=abc' })).toThrow(/Not an MCP endpoint URL/);
  expect(() => advertiseMcpEndpoint(temp!.dir, { host: 'x', url: 'http://user:pw@127.0.0.1:1/mcp' })).toThrow(/Not an MCP endpoint URL/);
  const file = path.join(temp.dir, MCP_ENDPOINT_FILE_NAME);
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid, host: 'x', url: 'http://127.0.0.1:1/mcp#token=abc' }));
  expect(readMcpEndpoint(temp.dir, process.pid)).toBeUndefined();
  fs.writeFileSync(file, 'not json');
  expect(readMcpEndpoint(temp.dir, process.pid)).toBeUndefined();
  expect(localMcpUrl('::', 9, 'https')).toBe('https://[::1]:9/mcp');
});
