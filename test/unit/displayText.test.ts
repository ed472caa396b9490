import * as assert from 'assert/strict';
import {
  displayText, escapeIcons, escapeLinks, iconMessageText, LABEL_MAX, markdownText, messageText, pickText, REPLACEMENT, truncate,
} from '../../src/model/displayText';
import { HOSTILE, LONG } from '../harness/hostileSeed';

const graphemes = (s: string) => Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)).length;

describe('displayText: text from AWS shown as plain, bounded characters', () => {
  it('leaves ordinary text, emoji and right-to-left script alone', () => {
    for (const s of ['prod', 'Pets and their owners', '🚀 👨‍👩‍👧‍👦 🇺🇸 é', 'שלום עולם', 'مرحبا']) assert.equal(displayText(s), s);
  });

  it('turns line breaks and tabs into spaces, other controls into U+FFFD', () => {
    assert.equal(displayText('a\r\nb\nc\rd\te'), 'a b c d e');
    assert.equal(displayText('x\u0000\u0007\b\u001b[0m\u007f\u0085y'), `x${REPLACEMENT.repeat(4)}[0m${REPLACEMENT.repeat(2)}y`);
    assert.equal(displayText('a\u2028b\u2029c'), 'a b c');
  });

  it('keeps line breaks as \\n when asked (tooltips, modal details)', () => {
    assert.equal(displayText('a\r\nb\u2028c\td', { keepLines: true }), 'a\nb\nc d');
  });

  it('neutralises bidi overrides and isolates, keeps the marks', () => {
    assert.equal(displayText('a\u202Eb\u202Cc\u2066d\u2069e'), `a${REPLACEMENT}b${REPLACEMENT}c${REPLACEMENT}d${REPLACEMENT}e`);
    assert.equal(displayText('a\u200Fb\u200Ec'), 'a\u200Fb\u200Ec');
  });

  it('cuts at max graphemes with …, never inside an emoji or a surrogate pair', () => {
    assert.equal(truncate('abcdef', 4), 'abc…');
    assert.equal(truncate('abcd', 4), 'abcd');
    assert.equal(truncate('👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦', 2), '👨‍👩‍👧‍👦…');
    assert.equal(truncate('😀😀😀', 2), '😀…');
    const long = displayText(LONG, { max: LABEL_MAX });
    assert.equal(graphemes(long), LABEL_MAX);
    assert.ok(long.startsWith('long-WWW') && long.endsWith('…'));
  });

  it('cuts in the middle when asked, keeping the end', () => {
    assert.equal(truncate('abcdefghij', 5, true), 'ab…ij');
    const m = messageText(`Deleted stage "${LONG}". A snapshot is kept.`);
    assert.ok(m.length <= 600 && m.endsWith('A snapshot is kept.'), m.slice(-40));
  });

  it('escapes every $(icon) once more, also an already escaped one', () => {
    assert.equal(escapeIcons('$(bug) $(sync~spin) $(not an icon) $( x)'), '\\$(bug) \\$(sync~spin) $(not an icon) $( x)');
    assert.equal(escapeIcons('\\$(bug)'), '\\\\$(bug)');
    assert.equal(pickText('$(bug) x'), '\\$(bug) x');
  });

  it('breaks [label](target) links of notifications and prompts, showing the same characters', () => {
    const text = '[Close](command:workbench.action.closeWindow) [x](https://e.example)';
    const escaped = escapeLinks(text);
    assert.doesNotMatch(escaped, /\]\((https?:|command:|file:)/);
    assert.equal(escaped.replace(/\u2060/g, ''), text);
    // VS Code's parseLinkedText pattern (src/vs/base/common/linkedText.ts) finds nothing.
    const linked = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
    for (const h of HOSTILE) assert.doesNotMatch(messageText(h.text), linked, h.key);
    assert.equal(iconMessageText('$(bug) [a](command:x)'), '\\$(bug) [a]\u2060(command:x)');
  });

  it('writes markdown that cannot form HTML, links, autolinks, lists or emphasis', () => {
    assert.equal(markdownText('<img src=x>'), '\\<img src\\=x\\>');
    assert.equal(markdownText('https://e.example a@b.c'), 'https\\:\\/\\/e\\.example a\\@b\\.c');
    assert.equal(markdownText('  - x\n1. y'), '&nbsp;&nbsp;\\- x\n\n1\\. y');
    for (const h of HOSTILE) {
      const md = markdownText(h.text);
      // Outside backslash escapes (and our &nbsp;), no ASCII punctuation is left to be markup.
      assert.doesNotMatch(md.replace(/\\[!-/:-@[-`{-~]/g, '').replace(/&nbsp;/g, ''), /[!-/:-@[-`{-~]/, h.key);
    }
  });

  it('bounds every hostile text in every form', () => {
    for (const h of HOSTILE) {
      for (const shown of [pickText(h.text), messageText(h.text), displayText(h.text, { max: 120 })]) {
        assert.ok(graphemes(shown) <= 620, h.key);
        // eslint-disable-next-line no-control-regex
        assert.doesNotMatch(shown, /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/, h.key);
      }
    }
  });
});
