import { describe, expect, it } from 'vitest';
import {
  checksAutomatically,
  chooseFeed,
  RELEASE_NOTES_MAX,
  releaseNotesText,
  updateAvailablePrompt,
  verificationNote,
} from './update-policy';

describe('update feed', () => {
  it('uses the feed built into the installer unless the person set another', () => {
    expect(chooseFeed({ updateFeedUrl: null })).toEqual({ kind: 'built-in' });
    expect(chooseFeed({ updateFeedUrl: '  ' })).toEqual({ kind: 'built-in' });
    expect(chooseFeed({ updateFeedUrl: 'https://mirror.example/tradewind/' })).toEqual({
      kind: 'override',
      url: 'https://mirror.example/tradewind/',
    });
    expect(chooseFeed({ updateFeedUrl: 'http://127.0.0.1:8080/feed/' })).toEqual({ kind: 'override', url: 'http://127.0.0.1:8080/feed/' });
  });

  it.each([
    ['http://mirror.example/', /must use https/],
    ['file:///tmp/feed', /must use https/],
    ['https://user:secret@mirror.example/', /user name or password/],
    ['mirror.example/feed', /is not a URL/],
  ])('refuses %s with the reason', (updateFeedUrl, reason) => {
    const choice = chooseFeed({ updateFeedUrl });
    expect(choice.kind).toBe('invalid');
    expect(choice.kind === 'invalid' && choice.reason).toMatch(reason);
  });
});

describe('automatic checks', () => {
  it('are off by default and never run in development', () => {
    expect(checksAutomatically({ autoUpdate: false }, true)).toBe(false);
    expect(checksAutomatically({ autoUpdate: true }, false)).toBe(false);
    expect(checksAutomatically({ autoUpdate: true }, true)).toBe(true);
  });
});

describe('what the update dialog shows', () => {
  it('turns GitHub release notes (HTML) into plain text', () => {
    expect(releaseNotesText('<h2>Fixes</h2><ul><li>Stops &amp; targets <b>survive</b> restarts</li><li>Faster charts</li></ul>')).toBe(
      'Fixes\n• Stops & targets survive restarts\n• Faster charts',
    );
    expect(
      releaseNotesText([
        { version: '0.3.0', note: '<p>Grid bots</p>' },
        { version: '0.2.0', note: null },
      ]),
    ).toBe('0.3.0\nGrid bots\n\n0.2.0');
    expect(releaseNotesText(null)).toBe('No release notes were published with this version.');
  });

  it('cuts long notes and points to the release page', () => {
    const text = releaseNotesText('x'.repeat(RELEASE_NOTES_MAX * 2));
    expect(text.length).toBeLessThan(RELEASE_NOTES_MAX + 60);
    expect(text).toMatch(/the rest is on the release page\)$/);
  });

  it('names both versions, the notes and what is verified on this OS', () => {
    const prompt = updateAvailablePrompt(
      { version: '0.3.0', releaseNotes: '<p>Grid bots</p>', releaseDate: '2026-12-01T10:00:00.000Z' },
      '0.2.0',
      'win32',
    );
    expect(prompt.message).toBe('Tradewind 0.3.0 is available (released 2026-12-01). You have 0.2.0.');
    expect(prompt.detail).toContain('Grid bots');
    expect(prompt.detail).toContain(verificationNote('win32'));
    expect(prompt.buttons).toEqual(['Download', 'Later']);
    expect(prompt.cancelId).toBe(1);
    expect(verificationNote('win32')).toMatch(/code signature/);
    expect(verificationNote('darwin')).toMatch(/signed by the same developer/);
    expect(verificationNote('linux')).toMatch(/no code signature/);
  });
});
