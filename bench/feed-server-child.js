// Plain JavaScript so the benchmark's feed server starts without a TypeScript loader.
const http = require('node:http');

function documentFor(name, count, round) {
  const items = [];
  for (let i = 0; i < count; i++) {
    const id = `${name}-${round}-${i}`;
    items.push(
      `<item><title>Report ${id}: clashes near the border crossing</title><link>https://news.example/${id}</link><guid>${id}</guid>` +
        `<description>Officials said fighting continued overnight near the crossing; aid groups reported displacement. Item ${id}.</description>` +
        `<pubDate>${new Date(Date.now() - i * 60000).toUTCString()}</pubDate></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench ${name}</title><link>https://news.example/</link><description>bench</description>${items.join('')}</channel></rss>`;
}

const cache = new Map();
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const [, kind, name, round = '0'] = url.pathname.split('/');
  const count = Number(url.searchParams.get('items') || 20);
  const key = `${kind}/${name}/${round}/${count}`;
  const etag = `"${key}"`;
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag });
    return res.end();
  }
  let body = cache.get(key);
  if (!body) {
    body = documentFor(name, count, round);
    if (kind === 'feed') cache.set(key, body);
  }
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
