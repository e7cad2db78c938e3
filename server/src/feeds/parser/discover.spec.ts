import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverFeedLinks, looksLikeHtmlPage } from './discover';

describe('discoverFeedLinks', () => {
  it('finds RSS, Atom and JSON feeds a page announces, absolute and in document order', () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/atom+xml" href="/atom.xml" title="Atom">
      <LINK REL="Alternate" TYPE="application/RSS+xml; charset=utf-8" HREF="rss.xml">
      <link rel="alternate" type="application/feed+json" href="https://cdn.example.com/feed.json">
      <link rel="alternate" type="application/json" href="/wp-json/feed">
      <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
      <link rel="alternate home" type="application/rss+xml" href="/atom.xml">
    </head><body></body></html>`;
    expect(discoverFeedLinks(html, 'https://news.example.com/section/page.html')).toEqual([
      'https://news.example.com/atom.xml',
      'https://news.example.com/section/rss.xml',
      'https://cdn.example.com/feed.json',
      'https://news.example.com/wp-json/feed',
    ]);
  });

  it('resolves against <base href> and keeps http(s) only', () => {
    const html = `<head><base href="https://static.example.org/feeds/">
      <link rel="alternate" type="application/rss+xml" href="main.xml">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="alternate" type="application/rss+xml" href="ftp://example.org/feed.xml">
      <link rel="alternate" type="application/rss+xml" href="data:text/xml,&lt;rss/&gt;">
    </head>`;
    expect(discoverFeedLinks(html, 'https://www.example.org/')).toEqual(['https://static.example.org/feeds/main.xml']);
  });

  it('finds nothing on a page without feed links', () => {
    const html = fs.readFileSync(path.join(__dirname, 'fixtures', 'html-page.html'), 'utf8').replace(/<link[^>]*>/, '');
    expect(discoverFeedLinks(html, 'https://www.example.org/')).toEqual([]);
  });
});

describe('looksLikeHtmlPage', () => {
  it('recognises an HTML page', () => {
    expect(looksLikeHtmlPage(fs.readFileSync(path.join(__dirname, 'fixtures', 'html-page.html'), 'utf8'))).toBe(true);
    expect(looksLikeHtmlPage('\n\n  <!-- cache: hit --><HTML><body>Gateway Timeout</body></HTML>')).toBe(true);
    expect(looksLikeHtmlPage('<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"/>')).toBe(true);
  });

  it('does not mistake a feed for a page, even behind an XHTML doctype', () => {
    expect(looksLikeHtmlPage('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')).toBe(false);
    expect(looksLikeHtmlPage('<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x">\n<rss><channel/></rss>')).toBe(false);
    expect(looksLikeHtmlPage('<!DOCTYPE rss [<!ENTITY x "<html>">]><rss/>')).toBe(false);
    expect(looksLikeHtmlPage('<feed xmlns="http://www.w3.org/2005/Atom"><title>html</title></feed>')).toBe(false);
  });
});
