import { describe, expect, it } from 'vitest';
import { readFeedLeader } from './feed-leader-form';

const ID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
const KEY = `ed25519:${'A'.repeat(42)}Q`;

describe('remote feed leader fields', () => {
  it('accepts an https feed URL (or http to this machine) and an ed25519 key, trimmed', () => {
    expect(readFeedLeader({ url: ` https://leader.example:8443/feeds/${ID} `, publicKey: ` ${KEY} ` })).toEqual({
      leader: { kind: 'feed', url: `https://leader.example:8443/feeds/${ID}`, publicKey: KEY },
      errors: {},
    });
    expect(readFeedLeader({ url: `http://127.0.0.1:8080/feeds/${ID}/`, publicKey: KEY }).leader).not.toBeNull();
  });

  it('names what is wrong at each field', () => {
    const read = (url: string, publicKey = KEY) => readFeedLeader({ url, publicKey }).errors;
    expect(read('')).toEqual({ url: 'Enter the feed URL the leader gave you (https://…/feeds/<feed id>).' });
    expect(read('leader.example/feeds/x').url).toMatch(/^Not a full URL/);
    expect(read(`http://leader.example/feeds/${ID}`).url).toMatch(/^Use the https:\/\/ address/);
    expect(read(`https://me:pw@leader.example/feeds/${ID}`).url).toMatch(/^Remove the user name and password/);
    expect(read(`https://leader.example/feeds/${ID}?token=1`).url).toMatch(/^Remove the "\?…" or "#…" part/);
    expect(read('https://leader.example/feeds/not-an-id').url).toMatch(/^Not a feed URL/);
    expect(read(`https://leader.example/feeds/${ID}`, '')).toEqual({
      publicKey: "Enter the leader's public key (ed25519:…), as their Copy panel shows it.",
    });
    expect(read(`https://leader.example/feeds/${ID}`, 'ed25519:short').publicKey).toMatch(/^Not an Ed25519 public key/);
  });
});
