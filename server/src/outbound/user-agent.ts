/** How the server introduces itself to feed servers and webhook receivers. */
export const USER_AGENT = 'SentinelWire/0.1 (feed monitor; +https://github.com/sentinel-wire/sentinel-wire)';
